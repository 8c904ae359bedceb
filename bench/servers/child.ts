/** Starts a benchmark server (bench/servers/*.js) as a child process and talks to it over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';

export interface ServerChild {
  url: string;
  pid: number;
  rss(): Promise<number>;
  close(): Promise<void>;
}

type Message = { type: 'ready'; port: number } | { type: 'rss'; rss: number } | { type: 'failed'; message: string };

export async function startServerChild(script: 'echoBot' | 'productBot', args: string[] = []): Promise<ServerChild> {
  const child: ChildProcess = fork(path.join(__dirname, `${script}.js`), args, {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: ['--disable-warning=DEP0111'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: Message) =>
      message.type === 'ready' ? resolve(message.port) : reject(new Error(message.type === 'failed' ? message.message : 'unexpected')),
    );
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    rss: () =>
      new Promise((resolve) => {
        const listener = (message: Message) => {
          if (message.type !== 'rss') return;
          child.off('message', listener);
          resolve(message.rss);
        };
        child.on('message', listener);
        child.send('rss');
      }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}
