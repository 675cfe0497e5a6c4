// The story itself: a 503 at 3 AM, an ML server that runs out of memory, and the whole way from the page to the fix,
// the alarms that would have warned, and the exam's question about memory metrics. Data only: the engine judges it.
import type { Lesson } from '../types.js';

export const OOM_LESSON: Lesson = {
  id: 'oom',
  title: 'The 3 AM page: out of memory',
  summary: 'Find the server behind the 503s, prove the OOM kill, resize it, and alarm on memory next time',
  scenario: 'oom',
  cause: 'oom',
  instance: 'pettracker-ml-server',
  narration: [
    'It is just after three in the morning and your phone is buzzing: the PetTracker site answers 503 to anyone who asks for a breed prediction. You are on call, and the fleet is yours.',
    'An incident is solved in an order: what is broken (status), what it was doing (metrics), what it said (logs), then the fix, then whatever stops it happening again. This lesson walks that order. Each step is checked against what the app and the fleet show, so any way of getting there counts.',
    'Press h for a hint whenever you are stuck (each press says more), > and < page this text, and Esc in a view takes you back.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Find the instance behind the 503',
      narration: ['The predictions come from one machine: the ML server. Find it in the instance list and select it.'],
      goal: { kind: 'selected' },
      hints: [
        'The Instances pane lists the fleet; the ML server is the one that serves the predictions.',
        'Move with ↑/↓ (or j/k), or press / and type "ml" to filter.',
        'Select pettracker-ml-server: / ml Enter, or move the cursor onto it.',
      ],
      why: 'Every later step reads this one instance: status, metrics and logs all follow the selection.',
    },
    {
      id: 'triage',
      title: 'Run the triage on it',
      narration: ['The status pane may look calm: both checks can pass while the application inside is dying. The triage reads status, metrics and logs in one round and says what it concludes.'],
      goal: { kind: 'triaged' },
      hints: [
        'The triage pane (bottom right) is empty until you ask for a run.',
        'Press t with the ML server selected.',
        'Press t and wait for the diagnosis line: "Out of memory".',
      ],
      why: 'The status checks stayed green, yet the kernel killed the process: only the metrics and the console output tell an OOM, never the checks.',
    },
    {
      id: 'chart',
      title: 'Show the memory chart over 3 hours',
      narration: ['A single number says little. Look at the memory line over a few hours: did it creep up, or jump?'],
      goal: { kind: 'metricsRange', atLeast: '3h' },
      hints: [
        'The metrics pane shows 1 hour by default; the range keys stretch it.',
        'Press ] to lengthen the range (1h → 3h → 12h → 24h); Tab to the metrics pane and z to see the charts whole.',
        'Press ] once: the pane title says 3h. Then Tab to Metrics, z, and ↓ to the memory chart.',
      ],
      why: 'Memory climbed with the traffic and sat near the top before each kill: a workload too big for the machine, not a sudden leak.',
    },
    {
      id: 'log',
      title: 'Open the console output at the kill',
      narration: ['The kernel writes the kill into the console output. Read the line itself: which process, how much memory it held.'],
      goal: { kind: 'logAt', signature: 'oom-kill' },
      hints: [
        'The triage found the kill in a log; the log view shows the line in its place.',
        'In the triage pane, move to the OOM finding and press Enter; or press l and search with /.',
        'Tab to the triage pane, ↓ to "OOM killer…", Enter (or l, then /Killed process Enter).',
      ],
      why: '"Out of memory: Killed process … python3" is the proof: the kernel chose the biggest process and killed it, and with it the service.',
    },
    {
      id: 'mark',
      title: 'Mark the kill on the charts',
      narration: ['Put the time of the kill on the charts, so the memory line and the kill can be read together.'],
      goal: { kind: 'marked' },
      hints: [
        'A marker can come from a log line or from a finding.',
        'Press m on the kill line in the log view (or on the finding in the triage pane).',
        'In the log view with the cursor on the kill line, press m, then Esc to see the charts.',
      ],
      why: 'Lining up the evidence in time is the root-cause chain: traffic up → memory full → kill → 503.',
    },
    {
      id: 'fix',
      title: 'Fix it: give the server more memory',
      narration: ['The model needs more memory than this type has. A restart would bring it back only until the next peak.'],
      goal: { kind: 'all', of: [{ kind: 'fleetMemoryAtLeast', gib: 8 }, { kind: 'fleetHealthy' }, { kind: 'fleetMemoryBelow', percent: 85 }] },
      hints: [
        'The triage recommends a change of instance type; the actions menu has it too.',
        'Press a and choose Resize (or Enter on the recommendation in the triage pane), pick a type with more memory.',
        'a → Resize → c5.xlarge (8 GiB) → type the instance name to confirm → Run; wait until it is running with checks ok.',
      ],
      why: 'A resize is a stop, a type change and a start: the process now fits, and the fleet says checks ok with memory below the limit.',
      wrongMoves: [
        {
          id: 'oom-reboot',
          when: { kind: 'actionDone', action: 'reboot' },
          say: 'A reboot frees the memory for a while, but the same model on the same 4 GiB fills it again at the next peak. Resize to a type with more memory.',
        },
        {
          id: 'oom-less-memory',
          when: { kind: 'all', of: [{ kind: 'actionDone', action: 'resize' }, { kind: 'not', goal: { kind: 'fleetMemoryAtLeast', gib: 4 } }] },
          say: 'That type has less memory than before: the kills will come sooner. Resize again, to a type with more memory (8 GiB or more).',
        },
      ],
    },
    {
      id: 'prevent',
      title: 'Prevent it: alarm on memory, and recover on host failure',
      narration: ['Next time you want to hear about it before the kernel acts. The agent reports memory; an alarm can watch it.'],
      goal: { kind: 'all', of: [{ kind: 'alarmExists', metric: 'mem_used_percent', max: 85 }, { kind: 'autoRecoverAlarm' }] },
      hints: [
        'The alarms view shows what coverage is missing.',
        'Press A, then n to add the recommended alarms (or a → Alarms).',
        'A → n → Enter on an empty topic → type the name → Run: memory above 85 % and auto-recover are created.',
      ],
      why: 'An alarm at 85 % gives you the warning the kill never did, and the auto-recover alarm moves the instance by itself if its host fails.',
      wrongMoves: [
        {
          id: 'oom-cpu-alarm',
          when: { kind: 'all', of: [{ kind: 'alarmExists', metric: 'CPUUtilization' }, { kind: 'not', goal: { kind: 'alarmExists', metric: 'mem_used_percent' } }] },
          say: 'A CPU alarm would not have fired here: CPU was fine, memory ran out. Add an alarm on mem_used_percent (the CloudWatch Agent metric).',
        },
      ],
    },
    {
      id: 'explain',
      title: 'Explain it',
      narration: ['One question from the exam, about the metric that told this story.'],
      goal: { kind: 'answered', question: 'oom-memory-metrics' },
      hints: [
        'Which of the charts came from AWS/EC2, and which from another namespace?',
        'The memory chart is in the CWAgent namespace: who sends it?',
        'b) install the CloudWatch Agent: EC2 cannot see inside the guest.',
      ],
      why: 'EC2 sees the hypervisor side only (CPU, network, disk I/O); memory and disk space live inside the guest, so only an agent there can report them.',
      question: {
        id: 'oom-memory-metrics',
        prompt: 'An application needs memory utilization metrics for its EC2 instances in CloudWatch. What should the developer do?',
        choices: [
          'Enable detailed monitoring on the instances',
          'Install and configure the CloudWatch Agent on the instances',
          'Read the MemoryUtilization metric in the AWS/EC2 namespace',
          'Turn on VPC Flow Logs for the subnet',
        ],
        answer: 'b',
        explanation: 'Detailed monitoring only makes the hypervisor metrics arrive every minute; there is no memory metric in AWS/EC2. The agent publishes mem_used_percent to CWAgent.',
      },
    },
  ],
  examTips: [
    'EC2 publishes no memory or disk-space metric: install the CloudWatch Agent (namespace CWAgent) for mem_used_percent and disk_used_percent.',
    'Status checks can pass while the application is killed: an OOM is found in the metrics and the console output, not the checks.',
    'Detailed monitoring changes the period (1 min instead of 5), not which metrics exist.',
    'The EC2 recover action (arn:aws:automate:REGION:ec2:recover) belongs on a StatusCheckFailed_System alarm.',
  ],
};
