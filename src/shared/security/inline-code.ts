/**
 * Inline interpreter programs (python -c, node -e, perl -e, ruby -e, php -r, osascript -e …) and
 * programs fed to an interpreter on stdin. We do not parse these languages; we look for the few
 * shapes that matter: string literals run through a shell API, paths opened, recursive deletes,
 * fork loops, reverse shells and eval of downloaded code. Scans are linear and bounded.
 */
import { MAX_CODE_LITERALS } from "./limits.js";

export interface CodeScan {
  /** Literals (and joined literal lists) handed to a shell/exec API: judged as commands. */
  shell: string[];
  /** Path-like literals: judged as reads. */
  paths: string[];
  /** Targets of recursive-delete APIs (rmtree, rmSync …): judged like rm -r. "~" = the home. */
  deletes: string[];
  forkBomb: boolean;
  reverseShell: boolean;
  remoteEval: boolean;
}

// Any of these means string literals may reach a shell.
const EXEC_HINT =
  /\b(?:system|popen|subprocess|spawn(?:Sync)?|exec(?:Sync|File|FileSync|vp?|lp?)?|call|check_call|check_output|getoutput|getstatusoutput|run|Popen|shell_exec|passthru|proc_open|Open3|Process\.Start|Start-Process|Invoke-Expression|iex)\b|do shell script|`/;
const RMTREE =
  /\b(?:rmtree|rmSync|rmdirSync|remove_dir_all|rm_rf|rm_r|rimraf(?:\.sync)?|removedirs|remove_tree|Remove-Item)\b\s*\(?/g;
const HOME_EXPR =
  /expanduser\(\s*['"]~\/?['"]\s*\)|Path\.home\(\)|environ\[\s*['"]HOME['"]\s*\]|getenv\(\s*['"]HOME['"]\s*\)|process\.env\.HOME|os\.homedir\(\)|Dir\.home|ENV\[\s*['"]HOME['"]\s*\]|\$HOME\b|\$env:USERPROFILE/;
const FIRST_LITERAL = /^\s*(?:path\s*=\s*|-Path\s+|-Recurse\s+)?(['"`])([^'"`\n]{0,512})\1/;
const FORK_LOOP =
  /\bfork\s+while\s+fork\b|while\s*\(?\s*(?:True|1|true)\s*\)?\s*[:{]?\s*(?:os\.|process\.|Process\.)?fork\s*\(|loop\s*\{\s*fork\b/;
const SOCKET = /\bsocket\b|TCPSocket|Net::Socket|fsockopen|net\.connect|net\.Socket/i;
const SHELL_BRIDGE = /\bdup2\b|pty\.spawn|\/bin\/(?:ba|z)?sh\b|\bspawn\s*\(\s*['"](?:ba|z)?sh\b|cmd\.exe/;
const REMOTE_EVAL =
  /\b(?:exec|eval|iex|Invoke-Expression|instance_eval)\b\s*\(?[^;\n]{0,200}?\b(?:urlopen|requests\.get|urllib|fetch\s*\(|https?\.get|Net::HTTP|open-uri|URI\.open|Invoke-WebRequest|iwr|Invoke-RestMethod|irm|DownloadString)/i;
const PATHLIKE = /^(?:~|\/|\.{1,2}\/|\.[A-Za-z]|\$HOME\b)|^[^\s/]+\/[^\s]*$/;
// Longest literal examined; longer ones are cut (they are data, not commands).
const MAX_LITERAL = 4_096;

/** String literals in order, with runs like ['rm', '-rf', '/'] also joined ("rm -rf /"). */
function literals(code: string): { items: string[]; lists: string[] } {
  const items: string[] = [];
  const lists: string[] = [];
  let run: string[] = [];
  let lastEnd = -1;
  for (let i = 0; i < code.length && items.length < MAX_CODE_LITERALS; i++) {
    const quote = code[i];
    if (quote !== "'" && quote !== '"' && quote !== "`") continue;
    let j = i + 1;
    while (j < code.length && code[j] !== quote) j += code[j] === "\\" ? 2 : 1;
    const text = code.slice(i + 1, Math.min(j, i + 1 + MAX_LITERAL));
    const between = lastEnd >= 0 ? code.slice(lastEnd, i) : "";
    if (lastEnd >= 0 && /^\s*,\s*$/.test(between)) run.push(text);
    else {
      if (run.length > 1) lists.push(run.join(" "));
      run = [text];
    }
    items.push(text);
    lastEnd = j + 1;
    i = j;
  }
  if (run.length > 1) lists.push(run.join(" "));
  return { items, lists };
}

export function scanCode(code: string): CodeScan {
  const { items, lists } = literals(code);
  const execs = EXEC_HINT.test(code);
  const deletes: string[] = [];
  RMTREE.lastIndex = 0;
  for (let m = RMTREE.exec(code); m !== null && deletes.length < MAX_CODE_LITERALS; m = RMTREE.exec(code)) {
    const window = code.slice(m.index + m[0].length, m.index + m[0].length + 160);
    if (HOME_EXPR.test(window)) deletes.push("~");
    else {
      const lit = FIRST_LITERAL.exec(window);
      if (lit) deletes.push(lit[2]!);
    }
  }
  return {
    shell: execs ? [...items, ...lists] : [],
    paths: items.filter((t) => t.length > 0 && t.length < 1_024 && PATHLIKE.test(t)),
    deletes,
    forkBomb: FORK_LOOP.test(code),
    reverseShell: SOCKET.test(code) && SHELL_BRIDGE.test(code),
    remoteEval: REMOTE_EVAL.test(code),
  };
}
