/**
 * System integrity: firewall and host security controls, shell history, kernel modules and
 * tunables, accounts, services, power, mass kills and cron.
 */
import { flag, hasOpt, scanArgs, shown } from "./command-context.js";
import type { Cmd, Handler } from "./compiled.js";
import { hit } from "./rules.js";
import type { Word } from "./shell-parse.js";
import { q } from "./text.js";

const HISTORY_FILE_VAR = new Set(["HISTFILE"]);
const HISTORY_SIZE_VARS = new Set(["HISTSIZE", "HISTFILESIZE", "SAVEHIST"]);

/** NAME=value words (standalone, after export/declare, or via env): history switched off? */
export function checkAssignment(c: Cmd | { st: Cmd["st"] }, w: Word): void {
  const eq = w.value.indexOf("=");
  if (eq <= 0) return;
  const name = w.value.slice(0, eq);
  const value = w.value.slice(eq + 1).trim();
  const off =
    (HISTORY_FILE_VAR.has(name) && (value === "" || value === "/dev/null")) ||
    (HISTORY_SIZE_VARS.has(name) && (value === "" || value === "0"));
  if (off) c.st.findings.push(hit("history-tamper", `setting ${q(`${name}=${value || '""'}`)}`));
}

const history: Handler = (c) => {
  if (c.args.some((w) => /^-[a-z]*[cd]/.test(w.value))) flag(c, "history-tamper", shown(c));
  return undefined;
};

const unset: Handler = (c) => {
  const v = c.args.find((w) => HISTORY_FILE_VAR.has(w.value) || HISTORY_SIZE_VARS.has(w.value));
  if (v) flag(c, "history-tamper", `unset ${q(v.value)}`);
  return undefined;
};

const set: Handler = (c) => {
  const k = c.args.findIndex((w) => w.value === "+o");
  if (k >= 0 && c.args[k + 1]?.value === "history") flag(c, "history-tamper", "set +o history");
  return undefined;
};

const declare: Handler = (c) => {
  for (const w of c.args) checkAssignment(c, w);
  return undefined;
};

const iptables: Handler = (c) => {
  const vals = c.args.map((w) => w.value);
  const flush = vals.some((v) => v === "-F" || v === "--flush" || v === "-X" || v === "--delete-chain");
  const p = vals.findIndex((v) => v === "-P" || v === "--policy");
  const openPolicy = p >= 0 && vals[p + 2]?.toUpperCase() === "ACCEPT";
  if (flush || openPolicy) flag(c, "firewall-disable", shown(c));
  return undefined;
};

const ufw: Handler = (c) => {
  const verb = scanArgs(c.args).ops[0]?.value.toLowerCase();
  if (verb === "disable" || verb === "reset") flag(c, "firewall-disable", shown(c));
  return undefined;
};

const nft: Handler = (c) => {
  const text = scanArgs(c.args)
    .ops.map((w) => w.value.toLowerCase())
    .join(" ");
  if (/\bflush\s+ruleset\b|\bdelete\s+table\b/.test(text)) flag(c, "firewall-disable", shown(c));
  return undefined;
};

const pfctl: Handler = (c) => {
  const vals = c.args.map((w) => w.value);
  if (vals.includes("-d") || (vals.includes("-F") && vals.includes("all")))
    flag(c, "firewall-disable", shown(c));
  return undefined;
};

const setenforce: Handler = (c) => {
  const v = c.args[0]?.value.toLowerCase();
  if (v === "0" || v === "permissive") flag(c, "firewall-disable", shown(c));
  return undefined;
};

const kernelModule: Handler = (c) => {
  flag(c, "kernel-module", shown(c));
  return undefined;
};

const sysctl: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args);
  if (hasOpt(opts, "-w", "--write", "-p", "--load", "--system") || ops.some((w) => w.value.includes("="))) {
    flag(c, "kernel-tunable-write", shown(c));
  }
  return undefined;
};

const account: Handler = (c) => {
  flag(c, "account-change", shown(c));
  return undefined;
};

const authEditor: Handler = (c) => {
  flag(c, "system-auth-write", shown(c));
  return undefined;
};

const FIREWALL_UNITS =
  /^(?:firewalld|ufw|nftables|iptables|ip6tables|netfilter-persistent|apparmor|auditd|fail2ban|selinux)(?:\.service)?$/i;
const STOP_VERBS = new Set(["stop", "disable", "mask", "kill", "isolate"]);
const POWER_VERBS = new Set([
  "poweroff",
  "reboot",
  "halt",
  "suspend",
  "hibernate",
  "kexec",
  "rescue",
  "emergency",
  "soft-reboot",
]);

const systemctl: Handler = (c) => {
  const { ops } = scanArgs(
    c.args,
    new Set(["-H", "--host", "-M", "--machine", "-t", "--type", "-s", "--signal"]),
  );
  const verb = ops[0]?.value.toLowerCase() ?? "";
  const units = ops.slice(1);
  if (STOP_VERBS.has(verb)) {
    const fw = units.find((u) => FIREWALL_UNITS.test(u.value));
    if (fw) flag(c, "firewall-disable", `systemctl ${verb} ${q(fw.value)}`);
    else flag(c, "service-stop", shown(c));
  } else if (POWER_VERBS.has(verb)) flag(c, "system-power", shown(c));
  return undefined;
};

const service: Handler = (c) => {
  const { ops } = scanArgs(c.args);
  const unit = ops[0]?.value ?? "";
  const verb = ops[1]?.value.toLowerCase() ?? "";
  if (verb === "stop") flag(c, FIREWALL_UNITS.test(unit) ? "firewall-disable" : "service-stop", shown(c));
  return undefined;
};

const launchctl: Handler = (c) => {
  const verb = c.args[0]?.value.toLowerCase() ?? "";
  if (["unload", "bootout", "remove", "disable", "kill"].includes(verb)) flag(c, "service-stop", shown(c));
  return undefined;
};

const power: Handler = (c) => {
  if (c.name === "init" || c.name === "telinit") {
    if (!["0", "1", "6", "s", "S"].includes(c.args[0]?.value ?? "")) return undefined;
  }
  flag(c, "system-power", shown(c));
  return undefined;
};

const kill: Handler = (c) => {
  const a = c.args.map((w) => w.value);
  if (a[0] === "-l" || a[0] === "-L" || a.length < 2) return undefined;
  let i = 0;
  if (a[0] === "-s" || a[0] === "-n" || a[0] === "--signal") i = 2;
  else if (a[0]?.startsWith("-") && a[0] !== "--") i = 1;
  if (a[i] === "--") i++;
  if (a.slice(i).includes("-1")) flag(c, "kill-all", shown(c));
  return undefined;
};

const killall: Handler = (c) => {
  flag(c, "kill-all", shown(c));
  return undefined;
};

const BROAD_PATTERN = /^(?:\.|\.\*|\^|\.\+|\*)?$/;

const pkill: Handler = (c) => {
  const { ops } = scanArgs(c.args, new Set(["-u", "-U", "-g", "-G", "-P", "-s", "-t", "--signal", "-F"]));
  if (ops.length === 0 || ops.some((w) => BROAD_PATTERN.test(w.value))) flag(c, "kill-all", shown(c));
  return undefined;
};

const crontab: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, new Set(["-u"]));
  if (hasOpt(opts, "-l") && !hasOpt(opts, "-r", "-e")) return undefined;
  if (
    hasOpt(opts, "-r", "-e") ||
    ops.length > 0 ||
    c.args.length === 0 ||
    opts.some((o) => o.name === "-u")
  ) {
    flag(c, "crontab-change", shown(c));
  }
  return undefined;
};

export const SYSTEM_HANDLERS: ReadonlyArray<readonly [readonly string[], Handler]> = [
  [["history"], history],
  [["unset"], unset],
  [["set"], set],
  [["export", "declare", "typeset", "local", "readonly"], declare],
  [["iptables"], iptables],
  [["ufw"], ufw],
  [["nft"], nft],
  [["pfctl"], pfctl],
  [["setenforce"], setenforce],
  [["insmod", "rmmod", "modprobe", "kexec"], kernelModule],
  [["sysctl"], sysctl],
  [
    [
      "passwd",
      "chpasswd",
      "useradd",
      "userdel",
      "usermod",
      "adduser",
      "deluser",
      "groupadd",
      "groupdel",
      "gpasswd",
      "chsh",
      "chfn",
      "chage",
      "newusers",
    ],
    account,
  ],
  [["visudo", "vipw", "vigr"], authEditor],
  [["systemctl"], systemctl],
  [["service"], service],
  [["launchctl"], launchctl],
  [["shutdown", "reboot", "halt", "poweroff", "init", "telinit"], power],
  [["kill"], kill],
  [["killall", "killall5"], killall],
  [["pkill"], pkill],
  [["crontab"], crontab],
];
