// The developer commands' output: a report on stdout, never a server log (so it goes through no logger and is
// never mixed with what the running service records). They print corpus figures and corpus texts, never anything a
// person wrote to the service.
export const print = (line: string): void => void process.stdout.write(`${line}\n`);
