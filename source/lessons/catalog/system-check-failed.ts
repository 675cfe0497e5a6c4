// Lesson: the host under the ML server failed. The system status check is AWS's side; the fix is a stop and start
// (a new host), never a reboot (the same host). Content only: the engine judges the goals.
import type { Lesson } from '../types.js';

export const lesson: Lesson = {
  id: 'system-check-failed',
  title: 'System status check failed',
  summary: 'The hardware under the ML server died: read the checks, move it to a new host, make it heal itself',
  scenario: 'system-check-failed',
  cause: 'system-check-failed',
  instance: 'pettracker-ml-server',
  narration: [
    'The pager again: pettracker-ml-server stopped answering about ten minutes ago. No deploy, no traffic spike, nobody logged in.',
    'EC2 runs two status checks on every instance. The system check watches what AWS owns: the physical host, its power, its network. The instance check watches what you own: the kernel, the file system, the network setup inside the OS.',
    'Which check failed decides the fix, so that is where we start. Then the metrics and the console tell us what the instance saw before it went quiet.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Find the instance that stopped answering',
      goal: { kind: 'selected' },
      hints: [
        'The instance list sorts problems first: look at the top of the list.',
        'Move with `j` and `k`, or type `/` and part of the name to filter.',
        'Select pettracker-ml-server: its Checks column says impaired.',
      ],
      why: 'Everything the app reads next (checks, charts, logs) is about the selected instance, so the right one comes first.',
    },
    {
      id: 'triage',
      title: 'Run the triage: which status check failed?',
      narration: ['The triage reads the checks, the metrics and the logs in one go, then says what broke and in what order.'],
      goal: { kind: 'triaged' },
      hints: [
        'The Triage pane does Status → Metrics → Logs for the selected instance.',
        'Press `t` with the instance selected.',
        'Press `t`: the diagnosis says the system status check failed, a problem with the AWS host, not with the OS.',
      ],
      why: 'A failed system check puts the fault below your OS, on hardware you cannot touch: nothing you do inside the instance will fix it.',
    },
    {
      id: 'metrics',
      title: 'Show the charts over 3 hours: when did it go flat?',
      narration: ['When the host dies, the guest is cut off. Every metric the hypervisor reports drops to zero at the same minute.'],
      goal: { kind: 'metricsRange', atLeast: '3h' },
      hints: [
        'The metrics pane shows the selected instance; its title names the range.',
        'Press `]` to widen the range (1h → 3h → 12h → 24h) and `[` to narrow it.',
        'Press `]` once: CPU, network and disk I/O all fall to 0 at the same minute, and StatusCheckFailed_System jumps to 1.',
      ],
      why: 'Everything going flat together, rather than one resource climbing, points at the platform, not at the workload.',
    },
    {
      id: 'console',
      title: "Read the console output: the instance's last words",
      goal: { kind: 'logAt', source: 'console', signature: 'nic-error' },
      hints: [
        'The console output is what the kernel printed last, and EC2 keeps it even when the OS cannot answer.',
        'Press `l` for the logs; the console output is the first source (`Tab` switches). In the triage pane, `Enter` on a finding from a log line opens it at that line.',
        'Press `l` and go to the ENA lines: the network device times out and its reset fails, then the NVMe disk stops answering.',
      ],
      why: 'The network card and the disk both losing contact is what a dying host looks like from inside: it confirms the system check.',
    },
    {
      id: 'fix',
      title: 'Fix it: get the instance onto healthy hardware',
      narration: [
        'A reboot restarts the OS on the same machine, the one that is broken. A stop releases the host; the next start places the instance on another one.',
        'It costs a few minutes of downtime, and the public IP changes unless it is an Elastic IP. The EBS volumes come along.',
      ],
      goal: { kind: 'fleetHealthy' },
      hints: [
        "The triage's first recommendation is the fix; the actions menu carries it out after a preview.",
        'Press `a` (or `Enter` in the triage pane), pick "Stop and start the instance (not reboot)", type the instance Name to confirm, and `Enter` on Run.',
        'Run the stop and start from `a`: it waits for stopped, running and both checks ok. The instance is then on a new host with both checks passing.',
      ],
      why: 'A stop and start moves the instance to new hardware; a reboot would have left it on the failed host.',
      wrongMoves: [
        {
          id: 'reboot',
          when: { kind: 'actionDone', action: 'reboot' },
          say: 'A reboot stays on the same failed host, so the system check stays impaired. Stop and start instead: that moves the instance to new hardware.',
        },
      ],
    },
    {
      id: 'prevent',
      title: 'Prevent it: let EC2 recover the instance by itself next time',
      narration: ['Hosts fail now and then; nobody should be woken to do a stop and start. A CloudWatch alarm can do it for us.'],
      goal: { kind: 'autoRecoverAlarm' },
      hints: [
        'The alarms view lists what the instance has and which coverage it lacks.',
        'Press `A` for the alarms, then `n` to add the recommended set (a preview comes first).',
        'Press `A`, `n`, `Enter` (no SNS topic), `Tab` to Run and `Enter`: pettracker-ml-server-auto-recover watches StatusCheckFailed_System and calls the EC2 recover action.',
      ],
      why: 'The recover action moves the instance to a new host with the same id, IPs and volumes, without anyone awake.',
    },
    {
      id: 'explain',
      title: 'Explain it',
      goal: { kind: 'answered', question: 'system-check-failed-fix' },
      hints: [
        'Think about whose hardware failed and what each action does to the host.',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'Stop and start: the only one of these that puts the instance on different hardware.',
      ],
      why: 'This exact situation comes up in the exam, phrased as a failed system status check.',
      question: {
        id: 'system-check-failed-fix',
        prompt: 'An EC2 instance fails its system status check; its instance check has no data. What do you do first?',
        choices: [
          'Reboot the instance',
          'Stop and start the instance',
          'Detach and reattach the root EBS volume',
          'Install the CloudWatch Agent',
        ],
        answer: 'b',
        explanation: 'A failed system check is an AWS host problem. Stopping and starting moves the instance to a new host; a reboot keeps it on the broken one.',
      },
    },
  ],
  examTips: [
    'Status checks: the system check is AWS infrastructure, the instance check is your OS.',
    'System status check failed: stop and start the instance (it moves to new hardware).',
    'Auto-heal failing instances: a CloudWatch alarm on StatusCheckFailed_System with the EC2 recover action.',
  ],
};
