// A real SMTP server on 127.0.0.1 for the mail tests (started by SmtpSink in tests/AudioPortal.Web.Tests).
// Usage: node sink.js <folder> [accept | refuse:N | stall:N]
// Accepts any sender and recipient without TLS or authentication and writes each message, as received, to
// <folder>/<n>.eml (first to a .tmp name, then renamed, so a reader never sees half a message).
//   refuse:N  the first N messages are answered 451 (mail "down" for a while), later ones accepted; refuse:all refuses every one.
//   stall:N   the first N connections get no greeting at all (a server that hangs), later ones are served.
// Prints "listening <port>" once ready; exits when its stdin closes (the test closes it to stop it).
const fs = require("fs");
const path = require("path");
const { SMTPServer } = require("smtp-server");

const folder = process.argv[2];
const [mode, limit] = (process.argv[3] || "accept").split(":");
const first = limit === "all" ? Infinity : Number(limit || 0);
let messages = 0;
let connections = 0;
let stored = 0;
fs.mkdirSync(folder, { recursive: true });

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  disableReverseLookup: true,
  logger: false,
  onConnect(session, callback) {
    if (mode === "stall" && ++connections <= first) {
      return; // never answer: no greeting, the client must time out
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      if (mode === "refuse" && ++messages <= first) {
        const error = new Error("Mail is refused by this test server for now");
        error.responseCode = 451;
        return callback(error);
      }
      const name = path.join(folder, `${String(++stored).padStart(4, "0")}.eml`);
      fs.writeFileSync(name + ".tmp", Buffer.concat(chunks));
      fs.renameSync(name + ".tmp", name);
      callback();
    });
  },
});

server.listen(0, "127.0.0.1", () => console.log(`listening ${server.server.address().port}`));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
