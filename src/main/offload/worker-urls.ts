/**
 * Worker entry files, resolved relative to this module. They are plain .js files in the same build
 * (dist/ for the package, build/src/ for tests), never imported by main: only their URLs are.
 */
export const CPU_WORKER_URL = new URL("../../workers/cpu/entry.js", import.meta.url);
export const IO_WORKER_URL = new URL("../../workers/io/entry.js", import.meta.url);
