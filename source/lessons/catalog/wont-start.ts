// Lesson: the ML server, stopped to be resized to c5.xlarge, cannot start: Server.InsufficientInstanceCapacity.
// The runbook's way out is another type (or another AZ, or a retry). Content only: the engine judges the goals.
import type { Lesson } from '../types.js';

export const lesson: Lesson = {
  id: 'wont-start',
  title: "The instance won't start",
  summary: 'The ML server was stopped for a resize and will not come back: read the state reason, start it another way',
  scenario: 'wont-start',
  cause: 'wont-start',
  instance: 'pettracker-ml-server',
  narration: [
    'Someone followed last night\'s fix for the memory problem: stop the ML server, change it to a c5.xlarge, start it. The stop worked. The start did not.',
    'A stopped instance owns no hardware. Every start asks EC2 for a fresh slot of that type in that Availability Zone, and sometimes there is none to give.',
    'EC2 writes down why an instance is in the state it is in. That reason is the first thing to read.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Find the instance that stays stopped',
      goal: { kind: 'selected' },
      hints: [
        'The list puts problems first; a stopped production server is one.',
        'Move with `j`/`k`, or filter with `/`.',
        'Select pettracker-ml-server, state stopped.',
      ],
      why: 'A stopped instance has no metrics and no logs after the stop: what EC2 says about it is nearly all the evidence.',
    },
    {
      id: 'triage',
      title: 'Run the triage',
      goal: { kind: 'triaged' },
      hints: [
        'The triage decodes the state and its reason.',
        'Press `t` with the instance selected.',
        'Press `t`: Server.InsufficientInstanceCapacity, no spare c5.xlarge in us-east-1a right now.',
      ],
      why: 'The code tells you whose move it is: capacity is AWS\'s side, so retrying the same start blindly may fail for a long time.',
    },
    {
      id: 'describe',
      title: 'Read the state reason yourself',
      goal: { kind: 'any', of: [{ kind: 'viewOpen', view: 'describe' }, { kind: 'viewOpen', view: 'raw' }] },
      hints: [
        'The describe view and the raw JSON both show StateReason.',
        'Press `d` for describe, or `y` for the DescribeInstances JSON.',
        'Press `y` and look for StateReason: Server.InsufficientInstanceCapacity; the type already reads c5.xlarge.',
      ],
      why: 'StateReason is where EC2 records why; other codes here (a volume limit, a missing snapshot) need very different fixes.',
    },
    {
      id: 'runbook',
      title: "Walk the Won't start runbook",
      goal: { kind: 'runbookRun', runbook: 'wont-start' },
      hints: [
        'The runbooks are checklists by symptom.',
        'Press `b` and choose "Won\'t start".',
        'Press `b`, `Enter` on Won\'t start: state stopped, reason decoded, with the ways out for this code.',
      ],
      why: 'Each StateReason code has its own way out; the runbook keeps you from treating a capacity problem like a broken instance.',
    },
    {
      id: 'fix',
      title: 'Fix it: get the server running again',
      narration: [
        'Capacity is counted per type and per zone. Another type draws on another pool; another zone is another building.',
        'The triage offers going back to c5.large. Remember why it was resized, though: 4 GiB is what ran out last night. A type with 8 GiB from another family would keep the memory.',
      ],
      goal: { kind: 'fleetHealthy' },
      hints: [
        "The triage's recommendations are in the actions menu, the first one preselected.",
        'Press `a` (or `Enter` in the triage pane) and pick "Start it as c5.large instead", or "Resize (pick an instance type)…" to another family with 8 GiB (it starts it too).',
        'Press `a`, choose the start as another type, confirm and Run: it modifies the type, starts, and waits for both checks ok.',
      ],
      why: 'A start with a different type asks a different capacity pool, so it succeeds where the same request keeps failing.',
    },
    {
      id: 'explain',
      title: 'Explain it',
      goal: { kind: 'answered', question: 'wont-start-capacity' },
      hints: [
        'The error is about spare hardware of one type in one zone.',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'Try another instance type or another Availability Zone.',
      ],
      why: 'The exam lists the won\'t-start codes with their fixes; capacity is the one solved by changing type or zone.',
      question: {
        id: 'wont-start-capacity',
        prompt: 'Starting a stopped instance fails with InsufficientInstanceCapacity. What do you do?',
        choices: [
          'Delete unused EBS volumes',
          'Reboot the instance',
          'Restore the AMI\'s snapshot',
          'Try a different instance type or Availability Zone',
        ],
        answer: 'd',
        explanation: 'AWS has no spare capacity for that type in that zone at the moment. Another type or another zone draws on other capacity. Deleting volumes is the fix for VolumeLimitExceeded; a missing snapshot is InvalidSnapshot.NotFound.',
      },
    },
  ],
  examTips: [
    "Instance won't start: read StateReason (describe-instances).",
    'InsufficientInstanceCapacity: try a different instance type or Availability Zone.',
    'VolumeLimitExceeded: delete unused EBS volumes; InvalidSnapshot.NotFound: the AMI\'s snapshot was deleted.',
  ],
};
