/**
 * Draws the two Teams icons (an envelope with a padlock) so they can be regenerated without an
 * image editor: `node dist/deploymentTemplates/teams/drawIcons.js` rewrites color.png and
 * outline.png beside the manifest. Teams wants a 192x192 full-colour icon and a 32x32 outline
 * icon that is white on a transparent background.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from './png';

type Rgb = [number, number, number];
/** Shapes in a 0..1 unit square; `inside(x, y)` says whether a point is covered. */
type Shape = { colour: Rgb; inside: (x: number, y: number) => boolean };

const BLUE: Rgb = [0x0f, 0x6c, 0xbd];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const YELLOW: Rgb = [0xff, 0xd4, 0x3b];

const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number) => (x: number, y: number) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const rect = (x0: number, y0: number, x1: number, y1: number) => roundedRect(x0, y0, x1, y1, 0);
const nearSegment = (ax: number, ay: number, bx: number, by: number, width: number) => (x: number, y: number) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - (ax + t * (bx - ax))) ** 2 + (y - (ay + t * (by - ay))) ** 2 <= (width / 2) ** 2;
};
const ring = (cx: number, cy: number, r: number, width: number, upperOnly: boolean) => (x: number, y: number) => {
  const d = Math.hypot(x - cx, y - cy);
  return Math.abs(d - r) <= width / 2 && (!upperOnly || y <= cy);
};
const not = (f: (x: number, y: number) => boolean) => (x: number, y: number) => !f(x, y);
const and =
  (...fs: Array<(x: number, y: number) => boolean>) =>
  (x: number, y: number) =>
    fs.every((f) => f(x, y));
const or =
  (...fs: Array<(x: number, y: number) => boolean>) =>
  (x: number, y: number) =>
    fs.some((f) => f(x, y));

/** Renders shapes back to front with 4x4 supersampling; uncovered pixels stay transparent. */
function render(size: number, shapes: Shape[]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0,
        g = 0,
        b = 0,
        covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          for (let i = shapes.length - 1; i >= 0; i -= 1) {
            if (shapes[i].inside(x, y)) {
              [r, g, b] = [r + shapes[i].colour[0], g + shapes[i].colour[1], b + shapes[i].colour[2]];
              covered += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        pixels.set(
          [Math.round(r / covered), Math.round(g / covered), Math.round(b / covered), Math.round((255 * covered) / (samples * samples))],
          o,
        );
      }
    }
  }
  return { width: size, height: size, pixels };
}

export function drawColourIcon(): RgbaImage {
  const envelope = rect(0.16, 0.3, 0.7, 0.7);
  const flap = or(nearSegment(0.16, 0.3, 0.43, 0.52, 0.05), nearSegment(0.43, 0.52, 0.7, 0.3, 0.05));
  const lockBody = roundedRect(0.56, 0.55, 0.86, 0.8, 0.03);
  const shackle = ring(0.71, 0.55, 0.09, 0.05, true);
  return render(192, [
    { colour: BLUE, inside: roundedRect(0, 0, 1, 1, 0.18) },
    { colour: WHITE, inside: envelope },
    { colour: BLUE, inside: and(envelope, flap) },
    { colour: BLUE, inside: or(roundedRect(0.53, 0.52, 0.89, 0.83, 0.05), ring(0.71, 0.55, 0.09, 0.11, true)) },
    { colour: YELLOW, inside: or(lockBody, shackle) },
  ]);
}

export function drawOutlineIcon(): RgbaImage {
  const outline = or(
    and(rect(0.06, 0.22, 0.74, 0.78), not(rect(0.13, 0.29, 0.67, 0.71))),
    nearSegment(0.1, 0.26, 0.4, 0.5, 0.08),
    nearSegment(0.4, 0.5, 0.7, 0.26, 0.08),
  );
  const lock = or(rect(0.58, 0.58, 0.96, 0.92), ring(0.77, 0.58, 0.11, 0.07, true));
  return render(32, [{ colour: WHITE, inside: or(and(outline, not(rect(0.52, 0.44, 1, 1))), lock) }]);
}

if (require.main === module) {
  const folder = path.resolve(__dirname, '..', '..', '..', 'deploymentTemplates', 'teams');
  writeFileSync(path.join(folder, 'color.png'), encodePng(drawColourIcon()));
  writeFileSync(path.join(folder, 'outline.png'), encodePng(drawOutlineIcon()));
  console.log(`wrote color.png and outline.png to ${folder}`);
}
