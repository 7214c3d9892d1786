// A real SMTP server in the test process (smtp-server), whose messages are parsed by mailparser: what Sori sends
// through SMTP_URL arrives here. Used by the sign-up tests and the e2e harness.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Mailbox = {
  /** smtp://127.0.0.1:<port> — the SMTP_URL to give the server under test. */
  url: string;
  /** Every message received so far, oldest first. */
  inbox: ParsedMail[];
  /** Messages addressed to this address. */
  messagesTo: (address: string) => ParsedMail[];
  /** The first message to this address, waiting for it to arrive. */
  mailTo: (address: string, timeoutMs?: number) => Promise<ParsedMail>;
  clear: () => void;
  close: () => Promise<void>;
};

export async function startMailbox(): Promise<Mailbox> {
  const inbox: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const messagesTo = (address: string) =>
    inbox.filter((m) => [m.to].flat().some((to) => to?.value.some((v) => v.address === address)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    messagesTo,
    async mailTo(address, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [found] = messagesTo(address);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no email to ${address}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    clear: () => {
      inbox.length = 0;
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
