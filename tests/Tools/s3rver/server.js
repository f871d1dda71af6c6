// Starts s3rver on 127.0.0.1 (a free port) with one bucket, prints "listening <port>", stops when stdin closes.
// Usage: node server.js <folder> <bucket>
const S3rver = require('s3rver');

const [folder, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: process.env.S3RVER_VERBOSE !== '1',
  directory: folder,
  configureBuckets: [{ name: bucket }],
});

// s3rver reads x-amz-copy-source with decodeURI, which leaves the %2F that the AWS SDK writes for "/" in a key;
// S3 itself accepts both spellings, so the header is decoded here before s3rver sees it.
const callback = server.callback.bind(server);
server.callback = () => {
  const handle = callback();
  return (req, res) => {
    const source = req.headers['x-amz-copy-source'];
    if (source) {
      req.headers['x-amz-copy-source'] = decodeURIComponent(source);
    }
    return handle(req, res);
  };
};

server.run().then(({ port }) => {
  process.stdout.write(`listening ${port}\n`);
}, (error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});

process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
