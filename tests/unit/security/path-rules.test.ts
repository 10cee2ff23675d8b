import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluatePath, type SecurityAction } from "../../../src/shared/security/index.js";
import { policy } from "./helpers.js";

const p = policy();

function expect(
  path: string,
  access: "read" | "write",
  action: SecurityAction,
  rule: string | null = null,
): void {
  const v = evaluatePath(p, path, access);
  assert.equal(v.action, action, `${access} ${path}: ${v.action} (${v.rule}) ${v.reason}`);
  if (rule !== null) assert.equal(v.rule, rule, `${access} ${path}`);
}

describe("path rules: SSH", () => {
  it("denies private keys and authorized_keys, for read and write, anywhere", () => {
    expect("~/.ssh/id_rsa", "read", "deny", "ssh-private-key");
    expect("~/.ssh/authorized_keys", "read", "deny", "ssh-private-key");
    expect("/root/.ssh/id_ed25519", "read", "deny", "ssh-private-key");
    expect("backup/id_ecdsa", "read", "deny", "ssh-private-key");
    expect("~/.ssh/authorized_keys", "write", "deny", "ssh-dir-write");
    expect("~/.ssh/anything", "write", "deny", "ssh-dir-write");
  });
  it("allows public data: known_hosts, config and *.pub reads (writes ask)", () => {
    expect("~/.ssh/known_hosts", "read", "allow");
    expect("~/.ssh/config", "read", "allow");
    expect("~/.ssh/id_rsa.pub", "read", "allow");
    expect("~/.ssh/known_hosts", "write", "ask", "ssh-config-write");
    expect("~/.ssh", "read", "allow");
  });
  it("does not treat source files named like keys as keys", () => {
    expect("src/id_rsa.ts", "read", "allow");
    expect("docs/id_rsa.md", "read", "allow");
  });
});

describe("path rules: credential stores", () => {
  it("denies cloud, registry, login, keyring and browser credentials", () => {
    expect("~/.aws/credentials", "read", "deny", "cloud-credentials");
    expect("~/.kube/config", "read", "deny", "cloud-credentials");
    expect("~/.config/gcloud/credentials.db", "read", "deny", "cloud-credentials");
    expect("~/.azure/msal_token_cache.json", "read", "deny", "cloud-credentials");
    expect("~/.docker/config.json", "read", "deny", "cloud-credentials");
    expect("~/.npmrc", "read", "deny", "registry-credentials");
    expect("~/.pypirc", "read", "deny", "registry-credentials");
    expect("~/.netrc", "read", "deny", "login-credentials");
    expect("~/.git-credentials", "read", "deny", "login-credentials");
    expect("~/.gnupg/pubring.kbx", "read", "deny", "gpg-keyring");
    expect("~/.mozilla/firefox/x.default/key4.db", "read", "deny", "browser-credentials");
  });
  it("allows non-secret neighbours", () => {
    expect("~/.aws/cli/alias", "read", "allow");
    expect("~/.docker/buildx/current", "read", "allow");
    expect("project/.npmrc", "read", "allow");
    expect("~/.gitconfig", "read", "allow");
  });
  it("denies system secrets for read and auth files for write", () => {
    expect("/etc/shadow", "read", "deny", "system-secrets");
    expect("/etc/sudoers.d/90-cloud", "read", "deny", "system-secrets");
    expect("/etc/ssh/ssh_host_rsa_key", "read", "deny", "system-secrets");
    expect("/etc/ssh/ssh_host_rsa_key.pub", "read", "allow");
    expect("/etc/passwd", "read", "allow");
    expect("/etc/passwd", "write", "deny", "system-auth-write");
    expect("/etc/ssh/sshd_config", "write", "deny", "system-auth-write");
  });
});

describe("path rules: project-level secrets and look-alikes", () => {
  it("denies .env files but not the documented examples", () => {
    expect(".env", "read", "deny", "dotenv-file");
    expect(".env.local", "read", "deny", "dotenv-file");
    expect("apps/api/.env.production", "write", "deny", "dotenv-file");
    for (const ok of [".env.example", ".env.sample", ".env.template", ".env.dist", ".env.local.example"]) {
      expect(ok, "read", "allow");
    }
  });
  it("denies key files and credential JSON by name, not by substring", () => {
    expect("certs/server.key", "read", "deny", "private-key-file");
    expect("certs/tls-private.pem", "read", "deny", "private-key-file");
    expect("certs/cert.pem", "read", "allow");
    expect("credentials.json", "read", "deny", "credentials-file");
    expect("gcp/service_account.json", "read", "deny", "credentials-file");
    expect("src/secrets.ts", "read", "allow");
    expect("src/lib/secret.service.ts", "read", "allow");
    expect("config/credential.schema.json", "read", "allow");
    expect("src/utils/key.ts", "read", "allow");
    expect("app.key.ts", "read", "allow");
  });
  it("allows ../ paths (no blanket traversal denial)", () => {
    expect("../sibling/x.ts", "read", "allow");
    expect("../sibling/x.ts", "write", "allow");
    expect("src/../../project/x.ts", "read", "allow");
  });
});

describe("path rules: writes that ask or deny", () => {
  it("asks for system files, shell rc files and agent config", () => {
    expect("/etc/nginx/nginx.conf", "write", "ask", "system-path-write");
    expect("/usr/local/bin/tool", "write", "ask", "system-path-write");
    expect("/boot/config.txt", "write", "ask", "system-path-write");
    expect("~/.bashrc", "write", "ask", "shell-rc-write");
    expect("~/.config/fish/config.fish", "write", "ask", "shell-rc-write");
    expect("opencode.json", "write", "ask", "agent-config-write");
    expect("~/.config/opencode/opencode.jsonc", "write", "ask", "agent-config-write");
    expect("~/.config/autostart/x.desktop", "write", "ask", "persistence-write");
  });
  it("reads of the same files are fine", () => {
    expect("~/.bashrc", "read", "allow");
    expect("/etc/nginx/nginx.conf", "read", "allow");
    expect("opencode.json", "read", "allow");
  });
  it("denies raw devices and kernel interfaces, allows /dev/null and /tmp", () => {
    expect("/dev/sda", "write", "deny", "disk-overwrite");
    expect("/dev/nvme0n1p2", "write", "deny", "disk-overwrite");
    expect("/proc/sys/vm/drop_caches", "write", "deny", "kernel-tunable-write");
    expect("/sys/class/leds/x/brightness", "write", "deny", "kernel-tunable-write");
    expect("/dev/null", "write", "allow");
    expect("/tmp/out.txt", "write", "allow");
    expect("/var/tmp/out.txt", "write", "allow");
  });
  it("history files: writing denies, reading asks", () => {
    expect("~/.bash_history", "write", "deny", "history-tamper");
    expect("~/.zsh_history", "read", "ask", "history-read");
  });
  it("matches case-insensitively (macOS file systems)", () => {
    expect("~/.SSH/ID_RSA", "read", "deny", "ssh-private-key");
    expect(".ENV", "read", "deny", "dotenv-file");
  });
});
