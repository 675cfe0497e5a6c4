// Lesson: an unbounded cache fills the ML server's root volume: Errno 28 everywhere, checks green. Find what fills
// it before growing anything. Content only: the engine judges the goals.
import type { Lesson } from '../types.js';

export const lesson: Lesson = {
  id: 'disk-full',
  title: 'Disk full',
  summary: 'The ML server answers but every batch job fails: No space left on device. Find the culprit, then grow',
  scenario: 'disk-full',
  cause: 'disk-full',
  instance: 'pettracker-ml-server',
  narration: [
    'The ML server is up and its checks are green, but the batch jobs fail one after another and the health check has started to flap.',
    'EC2 itself cannot tell you how full a disk is. It sees bytes going to and from the EBS volume, not the file system on it. Disk space comes from the CloudWatch Agent, which this server runs.',
    'A full disk has two questions: what filled it, and why now. Answering only "add more space" brings the page back in a few hours.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Find the instance whose jobs fail',
      goal: { kind: 'selected' },
      hints: [
        'Checks are green, so filter the list by name.',
        'Type `/` and "ml", then `Enter`.',
        'Select pettracker-ml-server.',
      ],
      why: 'A full disk rarely fails a status check: the OS still answers EC2 while the application chokes.',
    },
    {
      id: 'triage',
      title: 'Run the triage',
      goal: { kind: 'triaged' },
      hints: [
        'The triage reads the agent\'s disk metric and searches the logs for known failures.',
        'Press `t` with the instance selected.',
        'Press `t`: disk_used_percent at 100% and "No space left on device" in the logs.',
      ],
      why: 'The metric says the disk is full; the log errors say it is hurting the service. Together they make the diagnosis.',
    },
    {
      id: 'metrics',
      title: 'Show the charts over 12 hours: when did it start filling?',
      goal: { kind: 'metricsRange', atLeast: '12h' },
      hints: [
        'The metrics pane has the agent\'s disk used chart for /.',
        'Press `]` until the range reads 12h; `j`/`k` in the focused metrics pane scroll to the disk chart.',
        'At 12h: the disk sits still until about six hours ago, then climbs faster and faster to 100%, with EBS writes running hot.',
      ],
      why: 'The start of the climb is a timestamp to match against deploys: something that began six hours ago is writing without limit.',
    },
    {
      id: 'logs',
      title: 'Open the application log at the first "No space left on device"',
      narration: ['The application log usually names its own files. Read the lines before the errors, not only the errors.'],
      goal: { kind: 'logAt', source: 'group', signature: 'disk-full' },
      hints: [
        'The app\'s log group in CloudWatch Logs has the errors and, earlier, its warnings about free space.',
        'Press `l`, `Tab` to the application log group, `/` and "Errno 28"; or `Enter` on the disk finding in the triage pane.',
        'The release six hours ago enabled a batch cache under /var/tmp/ml-server/batch-cache with max_size=None; the warnings give its size, 17 GiB.',
      ],
      why: 'The culprit names itself: an unbounded cache. Growing the volume would only let it fill a bigger disk.',
    },
    {
      id: 'mark',
      title: 'Mark the first error on the charts',
      goal: { kind: 'marked' },
      hints: [
        'A marker puts a log line\'s time on every chart.',
        'In the log view, on the error line, press `m`.',
        'Press `m` on the first Errno 28 line: the marker lands where the disk chart reaches 100%.',
      ],
      why: 'Lining the first error up with the chart proves the errors come from the full disk and not from something else at the same time.',
    },
    {
      id: 'fix',
      title: 'Decide the fix',
      narration: [
        'The triage lists two fixes. The host commands (df, du, find) locate what fills the disk; growing the EBS volume adds space without downtime.',
        'The order matters. Clear and cap the cache first, because it is still writing. Grow the volume if the server needs more room for its real data.',
      ],
      goal: { kind: 'answered', question: 'disk-full-order' },
      hints: [
        "Read the triage's recommendations, and which one says it only buys time.",
        'Press `a` to see both recommendations with their commands.',
        'Find and cap what fills the disk first; growing the volume alone only buys time.',
      ],
      why: 'Growing a disk without stopping the writer moves the same page a few hours later, onto a bigger, more expensive disk.',
      question: {
        id: 'disk-full-order',
        prompt: 'A cache with no size limit has filled the root volume. What comes first?',
        choices: [
          'Grow the EBS volume by 50%',
          'Stop and start the instance',
          'Find what fills the disk, clear it and set a limit, then grow the volume only if needed',
          'Reboot to clear /tmp',
        ],
        answer: 'c',
        explanation: 'The writer keeps writing: more space only delays the next full disk. du and find locate it; a limit on the cache stops it. Elastic Volumes can still grow the disk online afterwards.',
      },
    },
    {
      id: 'prevent',
      title: 'Prevent it: which alarm warns in time?',
      narration: [
        'This server had warned in its own log at 15% free, where nobody reads. An alarm on the agent\'s disk metric pages someone instead.',
        'The app\'s recommended alarms have no disk alarm; on your own account it is one put-metric-alarm on the CWAgent namespace.',
      ],
      goal: { kind: 'answered', question: 'disk-full-alarm' },
      hints: [
        'Which chart climbed for six hours before the first error?',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'disk_used_percent above 85%, e.g. "aws cloudwatch put-metric-alarm --namespace CWAgent --metric-name disk_used_percent --dimensions Name=InstanceId,Value=<id> Name=path,Value=/ Name=device,Value=nvme0n1p1 Name=fstype,Value=xfs --statistic Average --period 300 --evaluation-periods 2 --threshold 85 --comparison-operator GreaterThanThreshold --alarm-name <name>".',
      ],
      why: 'Disk space creeps up over hours: an alarm at 85% gives you those hours, instead of the errors giving you none.',
      question: {
        id: 'disk-full-alarm',
        prompt: 'Which alarm would have paged someone hours before this disk filled?',
        choices: [
          'EBSWriteBytes above its daily average',
          'StatusCheckFailed at 1',
          'CWAgent disk_used_percent on / above 85%',
          'CPUUtilization above 80%',
        ],
        answer: 'c',
        explanation: 'Only the agent\'s disk_used_percent measures how full the file system is, and it climbed for six hours. Write bytes say how busy the disk is, not how full; the checks stayed green.',
      },
    },
    {
      id: 'explain',
      title: 'Explain it',
      goal: { kind: 'answered', question: 'disk-full-agent' },
      hints: [
        'Where did the disk used chart come from? Not from EC2.',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'Install the CloudWatch Agent: EC2\'s default metrics have no disk space.',
      ],
      why: 'The exam asks this in both forms, memory and disk space; the answer is the same agent.',
      question: {
        id: 'disk-full-agent',
        prompt: 'You need to alarm on the free space of an instance\'s root file system. What do you need?',
        choices: [
          'Enable detailed monitoring',
          'Use the DiskWriteBytes metric',
          'Nothing: EC2 reports disk space by default',
          'Install the CloudWatch Agent and collect disk_used_percent',
        ],
        answer: 'd',
        explanation: 'EC2 sees disk I/O, not file systems. Disk space (and memory) come from the CloudWatch Agent running in the OS; detailed monitoring only makes the default metrics more frequent.',
      },
    },
  ],
  examTips: [
    'CloudWatch default metrics: CPU, network, disk I/O, status checks; no disk space.',
    'Memory and disk space metrics exist only once the CloudWatch Agent runs in the OS.',
    'Disk full: df and du find the culprit; EBS Elastic Volumes grow the volume online, then grow the file system.',
  ],
};
