// What the bench reads off the app's screen. The strings come from the UI as it renders today (source/ui/):
// the header starts with the app's name, the list pane's subtitle is "Instances  <count>", the status pane's
// title is "Status  <name>" for the selected instance (the focused pane's title is in brackets: "[Instances]").

/** The app has drawn its first frame. */
export const hasFirstFrame = (text: string): boolean => text.includes('ec2-triage');

/** The reference fleet is on screen (the first DescribeInstances answer reached the list). */
export const hasFleet = (text: string): boolean => text.includes('pettracker-ml-server');

/** The list's subtitle shows at least `count` instances (the count is formatted with thousands separators). */
export function showsInstanceCount(text: string, count: number): boolean {
  const match = /Instances\]?\s+([\d,]+)/.exec(text);
  return match !== null && Number((match[1] ?? '').replaceAll(',', '')) >= count;
}

/** A generated instance's CPU column shows a percentage: the fleet CPU refresh has landed. */
export const hasGeneratedCpu = (text: string): boolean => /gen-\S+\s+i-[0-9a-f]+\s+(?:\S+\s+)?running\s+\S+\s+[\d.]+%/.test(text);

/** Name of the instance the status pane shows (the selection), if visible. */
export function statusTitle(text: string): string | undefined {
  return /Status\]? {2,}(\S+)/.exec(text)?.[1];
}

/** The triage pane's conclusion for the OOM scenario (the checklist found the kernel's OOM kill). */
export const hasOomConclusion = (text: string): boolean => /OOM killer killed|Out of memory: Kill/.test(text);

/** Header clock (fleet time) as seconds of the day, from "HH:MM:SS UTC" on the first row. */
export function headerClockSeconds(rows: readonly string[]): number | undefined {
  const match = /(\d\d):(\d\d):(\d\d) UTC\s*$/.exec(rows[0] ?? '');
  if (match === null) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}
