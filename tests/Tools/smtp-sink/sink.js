// A real SMTP server on 127.0.0.1 for the mail tests (started by MailSink in the test project).
// Usage: node sink.js <folder> [fail]
// Accepts any sender and recipient without TLS or authentication and writes each message, as received, to
// <folder>/<n>.eml (first to a .tmp name, then renamed, so a reader never sees half a message). With "fail" every
// message is refused with 451, like a server that is down for mail. Prints "listening <port>" once ready.
const fs = require("fs");
const path = require("path");
const { SMTPServer } = require("smtp-server");

const folder = process.argv[2];
const failing = process.argv[3] === "fail";
let count = 0;
fs.mkdirSync(folder, { recursive: true });

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      if (failing) {
        const error = new Error("Mail is refused by this test server");
        error.responseCode = 451;
        return callback(error);
      }
      const name = path.join(folder, `${String(++count).padStart(4, "0")}.eml`);
      fs.writeFileSync(name + ".tmp", Buffer.concat(chunks));
      fs.renameSync(name + ".tmp", name);
      callback();
    });
  },
});

server.listen(0, "127.0.0.1", () => console.log(`listening ${server.server.address().port}`));
process.stdin.on("end", () => server.close(() => process.exit(0))); // the test closes stdin to stop it
process.stdin.resume();
