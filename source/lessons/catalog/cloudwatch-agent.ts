// Lesson: why EC2 reports no memory or disk space, what the CloudWatch Agent adds, the config the app generates,
// and the memory alarm that only the agent makes possible. On the healthy fleet. Content only.
import type { Lesson } from '../types.js';

export const lesson: Lesson = {
  id: 'cloudwatch-agent',
  title: 'The CloudWatch Agent',
  summary: 'Why EC2 cannot see memory or disk space, the agent config that fixes it, and the alarm that needs it',
  scenario: 'healthy',
  instance: 'pettracker-ml-server',
  narration: [
    'No incident tonight: a quiet fleet is the best time to learn what you will need at 3 AM.',
    'EC2 measures an instance from the outside, from the hypervisor. It can count CPU time, network packets and bytes read from or written to disks. It cannot see how the OS uses its RAM, or how full a file system is.',
    'For that, a program has to run inside the OS and report. That program is the CloudWatch Agent. It publishes under its own namespace, CWAgent, and can ship log files to CloudWatch Logs as well.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Select the ML server',
      goal: { kind: 'selected' },
      hints: [
        'It is the story\'s instance; filter the list by name.',
        'Type `/` and "ml", then `Enter`.',
        'Select pettracker-ml-server, which runs the agent.',
      ],
      why: 'The ML server runs the agent, so it has charts most of the fleet lacks.',
    },
    {
      id: 'triage',
      title: 'Run the triage on a healthy instance',
      goal: { kind: 'triaged', cause: 'healthy' },
      hints: [
        'The triage says what it read and what it could not read.',
        'Press `t` with the instance selected.',
        'Press `t`: no problem found, with memory and disk read from the agent\'s metrics.',
      ],
      why: 'A "healthy" verdict is only worth something when memory and disk were read too: without the agent they could not be.',
    },
    {
      id: 'metrics',
      title: 'Show the charts over 3 hours: find the agent\'s',
      goal: { kind: 'metricsRange', atLeast: '3h' },
      hints: [
        'The metrics pane lists every chart it has for the instance.',
        'Press `]` to widen the range; `Tab` to the metrics pane and `j`/`k` scroll the charts.',
        'Scroll to memory used and disk used: those two come from the CWAgent namespace, the rest from AWS/EC2.',
      ],
      why: 'Memory and disk used are the two charts an instance without the agent never has.',
    },
    {
      id: 'agent',
      title: 'Read the agent config the app writes for this instance',
      narration: [
        'The config has three parts: the metrics to collect (mem_used_percent, disk_used_percent for /), the dimension to tag them with (the instance id), and the log files to ship, each to a log group.',
        'It comes with the commands to install the agent and start it with that file.',
      ],
      goal: { kind: 'actionDone', action: 'agent' },
      hints: [
        'The CloudWatch Agent config is one of the app\'s actions for the selected instance.',
        'Press `a` and pick "CloudWatch Agent config (memory, disk, logs)"; `j`/`k` scroll it and `w` saves it as a script.',
        'Press `a`, choose the CloudWatch Agent config, read the metrics and logs sections, and `w` to save it.',
      ],
      why: 'The InstanceId dimension is what ties the agent\'s metrics to the instance: with other dimensions, a dashboard or alarm by InstanceId finds nothing.',
    },
    {
      id: 'alarm',
      title: 'Add the memory alarm',
      narration: ['An alarm can only watch a metric that exists. Memory exists here because the agent publishes it.'],
      goal: { kind: 'alarmExists', metric: 'mem_used_percent', min: 80, max: 90 },
      hints: [
        'The alarms view shows the coverage the instance lacks, memory included.',
        'Press `A`, then `n` to add the recommended set.',
        'Press `A`, `n`, `Enter` (no SNS topic), `Tab` to Run and `Enter`: pettracker-ml-server-memory fires above 85% mem_used_percent (CWAgent) for two 5-minute periods.',
      ],
      why: 'Memory was the cause of the story\'s outage; only the agent lets an alarm see it coming.',
    },
    {
      id: 'explain-memory',
      title: 'Explain it: memory',
      goal: { kind: 'answered', question: 'cloudwatch-agent-memory' },
      hints: [
        'Which of these runs inside the OS?',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'Install the CloudWatch Agent.',
      ],
      why: 'This is one of the exam\'s stock scenarios, worded almost exactly like this.',
      question: {
        id: 'cloudwatch-agent-memory',
        prompt: 'You need memory utilization metrics for your EC2 instances in CloudWatch. What do you do?',
        choices: [
          'Enable detailed monitoring',
          'Install the CloudWatch Agent',
          'Create an alarm on CPUUtilization',
          'Turn on VPC Flow Logs',
        ],
        answer: 'b',
        explanation: 'The hypervisor cannot see inside the guest\'s memory. The CloudWatch Agent runs in the OS and publishes mem_used_percent; detailed monitoring only makes the default metrics one-minute.',
      },
    },
    {
      id: 'explain-defaults',
      title: 'Explain it: the defaults',
      goal: { kind: 'answered', question: 'cloudwatch-agent-defaults' },
      hints: [
        'Which of these can the hypervisor count without help from the OS?',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'CPU, network, disk I/O and status checks are free; memory and disk space are not among them.',
      ],
      why: 'Knowing the default list by heart answers half the monitoring questions.',
      question: {
        id: 'cloudwatch-agent-defaults',
        prompt: 'Which of these does EC2 publish to CloudWatch without any agent?',
        choices: [
          'Memory used and swap',
          'Disk space used per file system',
          'CPU utilization, network in/out, disk read/write, status checks',
          'Number of running processes',
        ],
        answer: 'c',
        explanation: 'EC2 sends CPU, network, disk I/O and status check metrics by itself, every five minutes (one with detailed monitoring). Memory, disk space and processes need the CloudWatch Agent.',
      },
    },
  ],
  examTips: [
    'CloudWatch default metrics: CPU, network, disk I/O, status checks.',
    'Memory and disk space metrics exist only once the CloudWatch Agent runs in the OS.',
    'Detailed monitoring: one-minute instead of five-minute periods, at a cost; it adds no new metrics.',
  ],
};
