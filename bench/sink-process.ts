// The benchmark's SMTP sink, run as its own process (a mail server is another machine in real
// life, and it must not share the sender's event loop): smtp-server on a loopback port that counts
// messages by Message-ID. Talks to its parent over IPC: it sends { port } once listening, and
// answers { cmd: 'stats' } and { cmd: 'reset' }.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

const seen = new Map<string, number>();
let received = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    // Only the header block is read for the Message-ID; the rest is drained.
    let head = '';
    let found: string | null = null;
    stream.on('data', (chunk: Buffer) => {
      if (found !== null || head.length > 64 * 1024) return;
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      const m = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(end >= 0 ? head.slice(0, end) : head);
      if (m) found = m[1]!;
      else if (end >= 0) found = '';
    });
    stream.on('end', () => {
      received++;
      const id = found || `<missing-${received}>`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.server.address() as AddressInfo).port });
});

process.on('message', (msg: { cmd: string; ids?: string[] }) => {
  if (msg.cmd === 'reset') {
    seen.clear();
    received = 0;
    process.send!({ ok: true });
  } else if (msg.cmd === 'stats') {
    let duplicates = 0;
    for (const n of seen.values()) if (n > 1) duplicates += n - 1;
    process.send!({ received, unique: seen.size, duplicates });
  } else if (msg.cmd === 'missing') {
    // Which of the expected Message-IDs never arrived.
    process.send!({ missing: (msg.ids ?? []).filter((id) => !seen.has(id)).length });
  } else if (msg.cmd === 'stop') {
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
