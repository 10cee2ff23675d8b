/** The I/O service and its file-system seam (for tests and the in-process fallback). */
export { type FileLike, type FsLike, nodeFs, type OpenFlags, type StatLike } from "./fs-seam.js";
export { IoService } from "./io-service.js";
export { isCompleteStateFile } from "./state-store.js";
