/**
 * Bounds that keep judging linear and cheap on hostile input. Anything beyond them is denied with a
 * reason that says which bound was hit, never judged partially.
 */

/** Longest command judged: 64 KiB holds any real script or heredoc, while a full judge stays well under 50 ms. */
export const MAX_COMMAND_BYTES = 64 * 1024;

/** Nesting of $( ), groups, `sh -c`, eval and decoded payloads. Real commands use fewer than 6; recursion stays shallow. */
export const MAX_NESTING = 32;

/** Simple commands judged per evaluation, nested ones included: hand-written lines have tens. */
export const MAX_SIMPLE_COMMANDS = 4_096;

/** URL-decoding passes: enough to undo double and triple encoding (%2572 → %72 → r). */
export const MAX_URL_DECODE_PASSES = 3;

/** Rounds of "decode a base64 payload and judge it again" (base64 of base64 of …). */
export const MAX_DECODE_ROUNDS = 3;

/** base64 tokens decoded per text: real payload lines carry one or two. */
export const MAX_BASE64_TOKENS = 16;

/** Shortest run treated as a base64 payload: "rm -rf /" encodes to 12 chars, plain words stay shorter. */
export const MIN_BASE64_TOKEN = 8;

/** Words produced by one brace expansion ({a,b}{c,d}…): bounds a multiplicative blow-up. */
export const MAX_BRACE_WORDS = 64;

/** Text a statically evaluated pipeline (echo/printf/base64 -d…) may produce. */
export const MAX_STATIC_OUTPUT = 64 * 1024;

/** Wrapper layers peeled from one command (sudo env nice timeout …). */
export const MAX_UNWRAP = 16;

/** String literals examined in one inline interpreter program (python -c, node -e …). */
export const MAX_CODE_LITERALS = 256;

/** Texts kept per evaluation for user patterns: every segment at every depth, bounded. */
export const MAX_PATTERN_TEXTS = 256;

/** Subject and reason length (a verdict is one line in a log and a toast). */
export const MAX_SUBJECT = 200;
export const MAX_REASON = 200;

/** Length of the quoted object named inside a reason. */
export const MAX_WHAT_OBJECT = 70;
