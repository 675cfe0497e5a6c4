// Lesson: the ML server's kernel panicked. The instance status check is the OS's side; the console output holds the
// cause; a reboot is the fix (the host is fine). Content only: the engine judges the goals.
import type { Lesson } from '../types.js';

export const lesson: Lesson = {
  id: 'instance-check-failed',
  title: 'Instance status check failed',
  summary: "The ML server's kernel panicked: read the console, reboot, and keep an alarm on the checks",
  scenario: 'instance-check-failed',
  cause: 'instance-check-failed',
  instance: 'pettracker-ml-server',
  narration: [
    'pettracker-ml-server went silent a little over ten minutes ago. Its health check times out, and its logs stop mid-sentence.',
    'This time the host is fine. The failing check is the one that probes your operating system: EC2 knocks on the instance once a minute and nobody answers.',
    'When the OS cannot answer, you cannot SSH in to ask it why. The console output is the one place its last words survive.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Find the instance that went silent',
      goal: { kind: 'selected' },
      hints: [
        'The instance list puts problems first: start at the top.',
        'Move with `j` and `k`, or filter with `/`.',
        'Select pettracker-ml-server, the one whose Checks column says impaired.',
      ],
      why: 'The checks, charts and logs that follow are all read for the selected instance.',
    },
    {
      id: 'triage',
      title: 'Run the triage: which check failed, and why?',
      goal: { kind: 'triaged' },
      hints: [
        'The triage pane reads status, metrics and logs and ends on a diagnosis.',
        'Press `t` with the instance selected.',
        'Press `t`: the system check is ok, the instance check is impaired, and the console shows a kernel panic.',
      ],
      why: 'System ok and instance impaired means the hardware works and the fault is inside the OS: your side of the line.',
    },
    {
      id: 'metrics',
      title: 'Show the charts over 3 hours: what changed at the panic?',
      goal: { kind: 'metricsRange', atLeast: '3h' },
      hints: [
        'The metrics pane draws the selected instance over the chosen range.',
        'Press `]` to widen the range.',
        'Press `]` once: network out and disk I/O stop, and CPU sits near 50%, one vCPU spinning in the panic loop.',
      ],
      why: 'A panicked kernel does no work but still burns a CPU: flat I/O with steady CPU is its fingerprint.',
    },
    {
      id: 'console',
      title: 'Open the console output at the kernel panic',
      goal: { kind: 'logAt', source: 'console', signature: 'kernel-panic' },
      hints: [
        'EC2 keeps the serial console output even when the OS is down.',
        'Press `l` for the logs (the console is the first source), or `Enter` on the panic finding in the triage pane.',
        'Open the console and go to "Kernel panic - not syncing: Fatal exception", after an XFS writeback trace.',
      ],
      why: 'The trace names the failing code (XFS writeback): that is what you report upstream and watch for after the reboot.',
    },
    {
      id: 'fix',
      title: 'Fix it: bring the OS back',
      narration: ['The kernel is stuck for good; only a fresh boot ends a panic. The host is healthy, so there is no need to move.'],
      goal: { kind: 'fleetHealthy' },
      hints: [
        "The triage's first recommendation is the fix; the actions menu runs it after a preview.",
        'Press `a` (or `Enter` in the triage pane) and pick "Reboot the instance", then Run.',
        'Press `a`, `Enter` on "Reboot the instance", `Tab` to Run and `Enter`: the OS boots again on the same host and both checks return to ok.',
      ],
      why: 'A reboot is the quickest way to a fresh kernel and keeps the host, the IPs and the instance store.',
      wrongMoves: [
        {
          id: 'resize',
          when: { kind: 'actionDone', action: 'resize' },
          say: 'The panic came from the kernel, not from a lack of CPU or memory: a bigger type only cost you a stop. A reboot was enough; read the console again after the boot.',
        },
      ],
    },
    {
      id: 'prevent',
      title: 'Prevent it: an alarm on the status checks',
      narration: ['The page came from users, fifteen minutes late. An alarm on the checks would have paged us at the first failed probe.'],
      goal: { kind: 'alarmExists', metric: 'StatusCheckFailed', min: 1, max: 1 },
      hints: [
        'The alarms view shows the coverage the instance lacks.',
        'Press `A`, then `n` to add the recommended alarms.',
        'Press `A`, `n`, `Enter` (no SNS topic), `Tab` to Run and `Enter`: pettracker-ml-server-status-check fires when StatusCheckFailed reaches 1 twice in a row.',
      ],
      why: 'StatusCheckFailed covers both checks, so it pages on an OS failure like this one as well as on a host failure.',
    },
    {
      id: 'explain',
      title: 'Explain it',
      goal: { kind: 'answered', question: 'instance-check-failed-fix' },
      hints: [
        'Which side of the line failed: AWS hardware, or your OS?',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'Reboot the instance, then read the OS logs: the host is fine.',
      ],
      why: 'The exam pairs each check with its action; mixing them up is the usual trap.',
      question: {
        id: 'instance-check-failed-fix',
        prompt: 'The system status check passes but the instance status check fails. What is the first action?',
        choices: [
          'Stop and start the instance to get new hardware',
          'Open a case with AWS Support about the host',
          'Reboot the instance and check the OS logs',
          'Add a CPU alarm at 80%',
        ],
        answer: 'c',
        explanation: 'An impaired instance check with a healthy system check is an OS problem (kernel, file system, network config). A reboot restarts the OS; the console output tells you why it failed.',
      },
    },
  ],
  examTips: [
    'Status checks: the system check is AWS infrastructure, the instance check is your OS.',
    'Instance status check failure: reboot the instance, then check the OS logs.',
    'Instance is running but the application is unresponsive: check CloudWatch metrics, system logs, application logs.',
  ],
};
