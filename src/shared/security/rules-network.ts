/**
 * Network tools: what they upload (a secret read here is exfiltration), what they download (and
 * whether it is executed later on the line), reverse shells, and commands run over ssh.
 */
import {
  checkPath,
  flag,
  hasOpt,
  optValues,
  resolveIn,
  scanArgs,
  shown,
  synthetic,
} from "./command-context.js";
import type { Cmd, Handler } from "./compiled.js";
import type { Word } from "./shell-parse.js";
import { baseName } from "./text.js";

const CURL_VALUES: ReadonlySet<string> = new Set([
  "-o",
  "--output",
  "-d",
  "--data",
  "--data-ascii",
  "--data-binary",
  "--data-raw",
  "--data-urlencode",
  "-F",
  "--form",
  "--form-string",
  "-T",
  "--upload-file",
  "-H",
  "--header",
  "-A",
  "--user-agent",
  "-e",
  "--referer",
  "-u",
  "--user",
  "-X",
  "--request",
  "-b",
  "--cookie",
  "-c",
  "--cookie-jar",
  "--cacert",
  "--capath",
  "--cert",
  "-E",
  "--key",
  "--key-type",
  "--cert-type",
  "-K",
  "--config",
  "-x",
  "--proxy",
  "-U",
  "--proxy-user",
  "-m",
  "--max-time",
  "--connect-timeout",
  "-w",
  "--write-out",
  "-r",
  "--range",
  "-C",
  "--continue-at",
  "-D",
  "--dump-header",
  "--url",
  "--json",
  "--retry",
  "--retry-delay",
  "--retry-max-time",
  "--resolve",
  "--connect-to",
  "--interface",
  "--limit-rate",
  "-y",
  "-Y",
  "-z",
  "--time-cond",
  "--output-dir",
  "--trace",
  "--trace-ascii",
  "--stderr",
  "--netrc-file",
  "--proto",
  "--proto-redir",
  "--max-redirs",
  "--variable",
  "-Q",
  "--quote",
]);

function urlFileName(url: string): string | null {
  const noQuery = url.replace(/[?#].*$/, "");
  const path = noQuery.replace(/^[a-z]+:\/\/[^/]*/i, "");
  const name = baseName(path);
  return name.length > 0 ? name : null;
}

/** Remember files written by a download so executing them later is caught. */
function downloaded(c: Cmd, w: Word): void {
  if (w.dynStart || w.value === "" || w.value === "-") return;
  checkPath(c.st, w, "write", true);
  c.st.downloads.add(resolveIn(c.st, w.value));
}

function redirectedDownloads(c: Cmd): void {
  for (const r of c.redirs) {
    if (r.target && r.body === null && r.op !== "<" && r.op !== "dup") downloaded(c, r.target);
  }
}

const curl: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, CURL_VALUES);
  c.st.network = true;
  const urls = [...ops, ...optValues(opts, "--url")];
  const dir = optValues(opts, "--output-dir")[0]?.value;
  for (const o of opts) {
    const v = o.value;
    switch (o.name) {
      case "-o":
      case "--output":
        if (v) downloaded(c, dir && !v.value.startsWith("/") ? synthetic(`${dir}/${v.value}`, v) : v);
        break;
      case "-d":
      case "--data":
      case "--data-ascii":
      case "--data-binary":
      case "--json":
        if (v?.value.startsWith("@") && v.value !== "@-")
          checkPath(c.st, synthetic(v.value.slice(1), v), "read");
        break;
      case "--data-urlencode": {
        const at = v?.value.indexOf("@") ?? -1;
        if (v && at >= 0 && !v.value.slice(0, at).includes("="))
          checkPath(c.st, synthetic(v.value.slice(at + 1), v), "read");
        break;
      }
      case "-F":
      case "--form": {
        const m = v ? /^[^=]*=[@<]([^;]+)/.exec(v.value) : null;
        if (v && m && m[1] !== "-") checkPath(c.st, synthetic(m[1]!, v), "read");
        break;
      }
      case "-T":
      case "--upload-file":
        if (v && v.value !== "-" && v.value !== ".") checkPath(c.st, v, "read");
        break;
      case "-D":
      case "--dump-header":
      case "-c":
      case "--cookie-jar":
      case "--trace":
      case "--trace-ascii":
      case "--stderr":
        if (v && v.value !== "-") checkPath(c.st, v, "write");
        break;
      default:
        if (
          o.name === "--remote-name" ||
          o.name === "--remote-name-all" ||
          (/^-[a-zA-Z]+$/.test(o.name) && o.name.includes("O"))
        ) {
          for (const u of urls) {
            const name = urlFileName(u.value);
            if (name) downloaded(c, synthetic(dir ? `${dir}/${name}` : name, u));
          }
        }
    }
  }
  redirectedDownloads(c);
  return undefined;
};

const WGET_VALUES: ReadonlySet<string> = new Set([
  "-O",
  "--output-document",
  "-o",
  "--output-file",
  "-a",
  "--append-output",
  "-P",
  "--directory-prefix",
  "-i",
  "--input-file",
  "--post-data",
  "--post-file",
  "--body-data",
  "--body-file",
  "--header",
  "-U",
  "--user-agent",
  "--user",
  "--password",
  "--http-user",
  "--http-password",
  "-e",
  "--execute",
  "-t",
  "--tries",
  "-T",
  "--timeout",
  "-w",
  "--wait",
  "-Q",
  "--quota",
  "--method",
  "--referer",
  "--load-cookies",
  "--save-cookies",
  "-B",
  "--base",
  "--config",
]);

const wget: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, WGET_VALUES);
  c.st.network = true;
  for (const f of optValues(opts, "--post-file", "--body-file")) checkPath(c.st, f, "read");
  const out = optValues(opts, "-O", "--output-document")[0];
  if (out) downloaded(c, out);
  else {
    const dir = optValues(opts, "-P", "--directory-prefix")[0]?.value;
    for (const u of ops) {
      const name = urlFileName(u.value);
      if (name) downloaded(c, synthetic(dir ? `${dir}/${name}` : name, u));
    }
  }
  redirectedDownloads(c);
  return undefined;
};

const netcat: Handler = (c) => {
  c.st.network = true;
  const { opts } = scanArgs(c.args, new Set(["-p", "-s", "-w", "-i", "-x", "-X", "-q"]));
  if (hasOpt(opts, "-e", "-c", "--exec", "--sh-exec", "--lua-exec")) flag(c, "reverse-shell", shown(c));
  return undefined;
};

const socat: Handler = (c) => {
  c.st.network = true;
  if (c.args.some((w) => /^(?:exec|system):/i.test(w.value) || /,(?:exec|system):/i.test(w.value))) {
    flag(c, "reverse-shell", shown(c));
  }
  return undefined;
};

const SSH_VALUES = new Set([
  "-i",
  "-p",
  "-l",
  "-o",
  "-F",
  "-J",
  "-L",
  "-R",
  "-D",
  "-b",
  "-c",
  "-E",
  "-e",
  "-I",
  "-m",
  "-O",
  "-Q",
  "-S",
  "-W",
  "-w",
  "-B",
]);

/** ssh host command…: the command runs on that host (often this one); judge it like a local one. */
const ssh: Handler = (c) => {
  c.st.network = true;
  let k = 0;
  while (k < c.args.length && c.args[k]!.value.startsWith("-")) k += SSH_VALUES.has(c.args[k]!.value) ? 2 : 1;
  const command = c.args.slice(k + 1).map((w) => w.value);
  if (command.length > 0) c.st.reenter.shell(command.join(" "), c.depth + 1);
  return undefined;
};

export const NETWORK_HANDLERS: ReadonlyArray<readonly [readonly string[], Handler]> = [
  [["curl"], curl],
  [["wget"], wget],
  [["nc", "ncat", "netcat"], netcat],
  [["socat"], socat],
  [["ssh"], ssh],
];
