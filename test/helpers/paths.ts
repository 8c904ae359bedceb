import * as fs from 'node:fs';
import * as path from 'node:path';

/** The project root (the folder with package.json), from source or compiled location. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return dir;
}
