/**
 * piscina worker entry: wiring only. Rule tables are compiled once per worker from workerData;
 * each task unpacks its batch, runs the shared task table, and transfers the packed result back.
 */
import { move, workerData } from "piscina";
import { packOwned, unpack } from "../../shared/codec.js";
import type { CpuWireRequest, CpuWorkerData } from "../../shared/contracts/tasks.js";
import { createTaskContext, executeTask } from "../../shared/tasks/execute.js";

const ctx = createTaskContext(workerData as CpuWorkerData);

export default function run(req: CpuWireRequest): unknown {
  const out = packOwned(executeTask(ctx, req.task, unpack(req.payload)));
  return move(out);
}
