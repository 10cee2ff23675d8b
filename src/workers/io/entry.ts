/**
 * I/O worker entry: wiring only. The IoService (src/shared/io) is exposed over comlink on the
 * parent port; the host side wraps the same port and calls the IoApi methods.
 */
import { parentPort } from "node:worker_threads";
import { expose } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { IoService } from "../../shared/io/io-service.js";

type NodeEndpoint = Parameters<typeof nodeEndpoint>[0];

if (!parentPort) throw new Error("io worker entry must run in a worker thread");
// comlink types `on`/`off` with DOM listener types; a worker_threads MessagePort has the same methods.
expose(new IoService(), nodeEndpoint(parentPort as unknown as NodeEndpoint));
