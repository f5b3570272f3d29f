/**
 * Reimplements `maelstrom.net.viz` (docs/MAELSTROM.md#report).
 * messages.svg: the Lamport diagram as Maelstrom draws it (1200 px wide, 20 px per event, names
 * repeated every 50 steps, labels along the arrows with a white glow), stopping after 10,000
 * events with a notice that points to messages.html, which draws any number.
 */
import { type Diagram, messageColour, messageLabel, messageTitle } from "./lamport.js";
import { escapeXml } from "./markup.js";

const WIDTH = 1200;
const Y_STEP = 20;

const STYLE = `
svg { font-family: Helvetica, Arial, sans-serif; font-size: 11px; }
rect { stroke-linecap: butt; stroke-width: 3; stroke: #fff; }
polygon { fill: #000; }`;

const DEFS = `<defs><polygon id="ahead" points="0 0, -12 4, -12 -4"/>
<filter id="glow" x="0" y="0"><feGaussianBlur in="SourceAlpha" stdDeviation="2" result="blurred"/><feFlood flood-color="#fff"/><feComposite operator="in" in2="blurred"/><feComponentTransfer><feFuncA type="linear" slope="10" intercept="0"/></feComponentTransfer><feMerge><feMergeNode/><feMergeNode in="SourceGraphic"/></feMerge></filter></defs>`;

const round = (n: number) => Math.round(n * 100) / 100;

export function messagesSvg(model: Diagram): string {
  const steps = model.events.length;
  const laneX = new Map(
    model.lanes.map((lane, i) => [lane, ((i + 0.5) / model.lanes.length) * WIDTH]),
  );
  const y = (step: number) => Y_STEP * (1.5 + step);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="2.0" width="${WIDTH + 50}" height="${Y_STEP * (7 + steps)}">`,
    `<style>${STYLE}</style>`,
    DEFS,
    `<g class="lane-labels">`,
  ];
  for (const lane of model.lanes)
    for (let step = 0; step < Math.max(steps, 1); step += 50)
      out.push(
        `<text x="${round(laneX.get(lane)!)}" y="${y(step - 0.5)}" text-anchor="middle" alignment-baseline="middle" fill="${step === 0 ? "#000" : "#aaa"}">${escapeXml(lane)}</text>`,
      );
  out.push(`</g>`, `<g class="lanes">`);
  for (const lane of model.lanes) {
    const x = round(laneX.get(lane)!);
    out.push(
      `<line data-lane="${escapeXml(lane)}" stroke="#ccc" x1="${x}" y1="${y(0)}" x2="${x}" y2="${y(steps + 1)}"/>`,
    );
  }
  out.push(`</g>`, `<g class="arrows">`);
  for (const arrow of model.arrows) {
    const { message } = arrow;
    const [x0, x1] = [laneX.get(message.src)!, laneX.get(message.dest)!];
    const [y0, y1] = [y(arrow.sendStep), y(arrow.recvStep)];
    const length = Math.hypot(x1 - x0, y1 - y0);
    const angle = (Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI;
    const flip = !(angle > -90 && angle < 90);
    const label = escapeXml(messageLabel(message.body));
    const labelAttrs = `text-anchor="middle" x="${round(length / 2)}" y="${-Y_STEP / 5}"${flip ? ` transform="rotate(180 ${round(length / 2)} 0)"` : ""}`;
    out.push(
      `<g class="arrow" transform="translate(${round(x0)} ${round(y0)}) rotate(${round(angle)})">` +
        `<rect x="0" y="-2.5" height="5" width="${round(Math.max(0, length - 4))}" fill="${messageColour(message)}"><title>${escapeXml(messageTitle(message))}</title></rect>` +
        `<use xlink:href="#ahead" x="${round(length)}" y="0"/>` +
        `<text ${labelAttrs} filter="url(#glow)" style="fill: #fff">${label}</text>` +
        `<text ${labelAttrs}>${label}</text></g>`,
    );
  }
  out.push(`</g>`);
  if (model.omitted > 0) {
    const step = steps + 2;
    out.push(
      `<g class="truncated"><line x1="30" y1="${y(step)}" x2="${WIDTH - 30}" y2="${y(step)}" stroke-width="1" stroke="#D96918"/>` +
        `<text x="${WIDTH / 2}" y="${y(step + 1)}" fill="#D96918" text-anchor="middle">Additional network events not shown: ${model.omitted} more after the first ${steps}. messages.html in this folder draws them all.</text></g>`,
    );
  }
  out.push(`</svg>\n`);
  return out.join("\n");
}
