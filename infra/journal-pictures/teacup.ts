import { DEFAULT_PICTURE_COUNT } from '../../shared/journal/default-pictures.ts';

/*
 * Draws the journal's default pictures: a teacup on a saucer, in one of six palettes and six
 * patterns (36 pictures), with steam. Plain SVG, drawn here, so nothing is downloaded.
 */
export const PICTURE_SIZE = 640;

const PALETTES = [
  { background: '#f4ede1', cup: '#ffffff', accent: '#2f6f8f', tea: '#b5651d' },
  { background: '#e3efe6', cup: '#fdfbf5', accent: '#3f7d4e', tea: '#9c7a2b' },
  { background: '#f6e2e2', cup: '#fffafa', accent: '#b03a48', tea: '#8e4a1c' },
  { background: '#e4e6f4', cup: '#f9f9ff', accent: '#4b4f9c', tea: '#a0522d' },
  { background: '#fbf0d0', cup: '#fffdf4', accent: '#c17c0e', tea: '#7b3f00' },
  { background: '#e0eef0', cup: '#ffffff', accent: '#1f7a7a', tea: '#6f8f3a' },
] as const;

type Palette = (typeof PALETTES)[number];

// Each pattern decorates the cup's band (x 170-470, y 300-360), clipped to the cup.
const PATTERNS: ReadonlyArray<(p: Palette) => string> = [
  (p) => Array.from({ length: 10 }, (_, i) => `<circle cx="${185 + i * 30}" cy="330" r="9" fill="${p.accent}"/>`).join(''),
  (p) => `<path d="M160 330 ${Array.from({ length: 11 }, (_, i) => `Q ${175 + i * 30} ${i % 2 ? 305 : 355} ${190 + i * 30} 330`).join(' ')}" fill="none" stroke="${p.accent}" stroke-width="8"/>`,
  (p) => `<rect x="150" y="305" width="340" height="14" fill="${p.accent}"/><rect x="150" y="341" width="340" height="14" fill="${p.accent}"/>`,
  (p) => Array.from({ length: 6 }, (_, i) => flower(195 + i * 52, 330, p.accent)).join(''),
  (p) => Array.from({ length: 12 }, (_, i) => `<path d="M${165 + i * 28} 355 l14 -40 l14 40 z" fill="${p.accent}"/>`).join(''),
  (p) => Array.from({ length: 9 }, (_, i) => `<path d="M${180 + i * 34} 318 c-14 -14 -28 6 0 26 c28 -20 14 -40 0 -26 z" fill="${p.accent}"/>`).join(''),
];

function flower(cx: number, cy: number, colour: string): string {
  const petals = Array.from({ length: 5 }, (_, i) => {
    const angle = (i * 2 * Math.PI) / 5;
    return `<circle cx="${(cx + Math.cos(angle) * 11).toFixed(1)}" cy="${(cy + Math.sin(angle) * 11).toFixed(1)}" r="8" fill="${colour}" opacity="0.85"/>`;
  });
  return `${petals.join('')}<circle cx="${cx}" cy="${cy}" r="5" fill="#fff"/>`;
}

/** Picture `index` (0-based) of the set, as an SVG document. */
export function teacupSvg(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= DEFAULT_PICTURE_COUNT) throw new RangeError(`No picture ${index}.`);
  const palette = PALETTES[index % PALETTES.length]!;
  const pattern = PATTERNS[Math.floor(index / PALETTES.length) % PATTERNS.length]!;
  const cupPath = 'M150 250 L490 250 C490 390 430 450 320 450 C210 450 150 390 150 250 Z';
  const steamShift = (index % 3) * 12;
  const steam = [250, 320, 390].map((x, i) =>
    `<path d="M${x + (i === 1 ? steamShift : 0)} 220 c-25 -30 25 -50 0 -80 c-25 -30 25 -50 0 -80" fill="none" stroke="${palette.accent}" stroke-width="7" stroke-linecap="round" opacity="0.35"/>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_SIZE}" height="${PICTURE_SIZE}" viewBox="0 0 640 640">`,
    `<defs><clipPath id="cup"><path d="${cupPath}"/></clipPath></defs>`,
    `<rect width="640" height="640" fill="${palette.background}"/>`,
    steam,
    `<ellipse cx="320" cy="470" rx="230" ry="40" fill="${palette.cup}" stroke="${palette.accent}" stroke-width="6"/>`,
    `<ellipse cx="320" cy="462" rx="120" ry="16" fill="${palette.background}" opacity="0.6"/>`,
    `<path d="M485 290 c75 -10 85 90 0 100" fill="none" stroke="${palette.cup}" stroke-width="26"/>`,
    `<path d="M485 290 c75 -10 85 90 0 100" fill="none" stroke="${palette.accent}" stroke-width="6"/>`,
    `<path d="${cupPath}" fill="${palette.cup}" stroke="${palette.accent}" stroke-width="6"/>`,
    `<g clip-path="url(#cup)">${pattern(palette)}</g>`,
    `<ellipse cx="320" cy="250" rx="170" ry="26" fill="${palette.cup}" stroke="${palette.accent}" stroke-width="6"/>`,
    `<ellipse cx="320" cy="252" rx="150" ry="18" fill="${palette.tea}"/>`,
    '</svg>',
  ].join('');
}
