// Status checks 101, on a failed host: what the system check and the instance check each mean, who fixes which,
// and why a stop and start (not a reboot) is the cure for the system one. Data only: the engine judges it.
import type { Lesson } from '../types.js';

export const STATUS_CHECKS_101: Lesson = {
  id: 'status-checks-101',
  title: 'Status checks 101',
  summary: 'System check vs instance check, what each means, and why stop-start and not reboot',
  scenario: 'system-check-failed',
  cause: 'system-check-failed',
  instance: 'pettracker-ml-server',
  narration: [
    'EC2 checks every running instance twice a minute, in two ways. The system check looks at what AWS runs for you: the host, its power, its network. The instance check looks at your side: the operating system answering on its network interface.',
    'Tonight the ML server stopped answering. Let us read its checks and act on what they say. Press h for a hint; > and < page this text.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Select the ML server',
      goal: { kind: 'selected' },
      hints: [
        'The Instances pane sorts problems first.',
        'Move with ↑/↓, or press / and type "ml".',
        'Select pettracker-ml-server.',
      ],
      why: 'The status pane now shows its two checks: the system one is impaired.',
    },
    {
      id: 'which',
      title: 'Which check failed, and whose is it?',
      narration: ['Look at the status pane: the system check is impaired, the instance check has no data.'],
      goal: { kind: 'answered', question: 'sc-system-meaning' },
      hints: [
        'The status pane names both checks and their state.',
        'The system check is about the machine under your instance.',
        'c) the AWS host: hardware, power or network.',
      ],
      why: 'A failed system check is AWS\'s side; a failed instance check is yours (kernel, memory, network config, file systems).',
      question: {
        id: 'sc-system-meaning',
        prompt: 'The system status check of an instance is impaired. What does it point at?',
        choices: [
          'The operating system ran out of memory',
          'A security group blocks the health checks',
          'The AWS host under the instance: hardware, power or network',
          'The application returns errors',
        ],
        answer: 'c',
        explanation: 'The system check watches the physical host and its network; problems inside the OS fail the instance check instead.',
      },
    },
    {
      id: 'triage',
      title: 'Confirm with the triage',
      goal: { kind: 'triaged' },
      hints: [
        'The triage pane says what the checks, metrics and logs add up to.',
        'Press t.',
        'Press t and read the diagnosis: system status check failed.',
      ],
      why: 'Metrics flat at zero and a failed system check: the host is gone, not your software.',
    },
    {
      id: 'fix',
      title: 'Move it to a healthy host',
      narration: ['Your instance is still bound to the failed host. Find the action that gives it a new one.'],
      goal: { kind: 'all', of: [{ kind: 'actionDone', action: 'stop-start' }, { kind: 'fleetHealthy' }] },
      hints: [
        'The actions menu (or Enter on the status pane) lists what can be done.',
        'Choose Stop and start, not Reboot.',
        'a → Stop and start → type the name → Run; wait for running and checks ok.',
      ],
      why: 'A stop releases the host; the start places the instance on new hardware (an EBS-backed instance keeps its disks).',
      wrongMoves: [
        {
          id: 'sc-reboot',
          when: { kind: 'actionDone', action: 'reboot' },
          say: 'A reboot stays on the same host, so the system check stays failed. Stop and start moves the instance to new hardware.',
        },
      ],
    },
    {
      id: 'verify',
      title: 'Check it is healthy now',
      goal: { kind: 'healthyAfterFix' },
      hints: [
        'After a fix the triage looks only at the time since it.',
        'Press t again.',
        'Press t: the run after the stop and start says healthy.',
      ],
      why: 'A fix is done when the evidence after it says so, not when the command returned.',
    },
    {
      id: 'prevent',
      title: 'Let EC2 do it next time',
      goal: { kind: 'autoRecoverAlarm' },
      hints: [
        'An alarm can carry an EC2 action instead of a notification.',
        'Press A, then n to add the recommended alarms.',
        'A → n → Enter → type the name → Run: the auto-recover alarm is among them.',
      ],
      why: 'The recover action on StatusCheckFailed_System moves the instance to new hardware with its id, IPs and volumes, without waking anyone.',
    },
  ],
  examTips: [
    'System status check = AWS host (hardware, power, network): stop and start, or the recover action. Instance status check = your OS: reboot or fix the configuration.',
    'A reboot keeps the instance on the same host; a stop and start (EBS-backed) moves it.',
    'Auto-recovery: a CloudWatch alarm on StatusCheckFailed_System with the ec2:recover action keeps the instance id, private and Elastic IPs, and EBS volumes.',
  ],
};
