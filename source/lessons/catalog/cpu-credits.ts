// Lesson: the ML server, moved to a t3.large, ran out of CPU credits and is held at its 30% baseline. The fix is
// unlimited mode or a type that does not throttle; the alarm to add watches the balance. Content only.
import type { Lesson } from '../types.js';

export const lesson: Lesson = {
  id: 'cpu-credits',
  title: 'CPU credits: the burstable trap',
  summary: 'The ML server is slow but CPU shows only 30%: a t3 out of credits, throttled to its baseline',
  scenario: 'cpu-credits',
  cause: 'cpu-credits',
  instance: 'pettracker-ml-server',
  narration: [
    'Nothing is down this time. Inference is just slow: p95 latency has blown through its target, and the queue keeps growing. Yet CPU reads about 30%.',
    'Last month the ML server moved to a t3.large to save money. T-family instances are burstable: they earn CPU credits while quiet and spend them to run above a baseline.',
    'In standard mode, when the credits are gone, the instance is held at its baseline whatever the demand. A CPU chart flat at a round number is the tell.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Find the slow instance',
      goal: { kind: 'selected' },
      hints: [
        'Its checks are green; filter the list by name.',
        'Type `/` and "ml", then `Enter`.',
        'Select pettracker-ml-server, a t3.large.',
      ],
      why: 'A throttled instance passes every status check: only the type and the metrics give it away.',
    },
    {
      id: 'triage',
      title: 'Run the triage',
      goal: { kind: 'triaged' },
      hints: [
        'The triage reads the CPU and, for burstable types, the credit balance.',
        'Press `t` with the instance selected.',
        'Press `t`: the credit balance is 0 and CPU sits at the t3.large\'s 30% baseline.',
      ],
      why: '30% CPU looks like spare capacity; on a t3.large with no credits it is the ceiling.',
    },
    {
      id: 'metrics',
      title: 'Show the charts over 24 hours: watch the credits drain',
      narration: ['The story started yesterday: a nightly job raised demand above the baseline, and the balance has been falling since.'],
      goal: { kind: 'metricsRange', atLeast: '24h' },
      hints: [
        'The metrics pane has a CPU credit balance chart for burstable types.',
        'Press `]` until the range reads 24h; `j`/`k` in the focused metrics pane scroll the charts.',
        'At 24h: CPU near 60% for most of a day while the balance slides from full to 0, then CPU flat at 30%.',
      ],
      why: 'The long range shows cause and effect: sustained demand above the baseline, a draining balance, then the clamp.',
    },
    {
      id: 'logs',
      title: 'Open the application log: what do users feel?',
      goal: { kind: 'logAt', source: 'group' },
      hints: [
        'The app writes its latency warnings to its log group in CloudWatch Logs.',
        'Press `l`, then `Tab` to the application log group; `/` searches for "latency".',
        'The warnings start when the balance hits 0: p95 latency over the 500 ms target, all workers busy, the queue growing.',
      ],
      why: 'The logs link the metric to the users: the clamp began exactly when the slowness did.',
    },
    {
      id: 'fix',
      title: 'Fix it: let the CPU run at the demand again',
      narration: ['Two ways out: unlimited mode lets the instance keep bursting and bills the surplus; a bigger or non-burstable type raises or removes the ceiling.'],
      goal: { kind: 'creditsFixed' },
      hints: [
        "The triage's recommendations list both; the actions menu shows them.",
        'Press `a`: "Switch to unlimited credit mode" shows its command; "Resize" runs a stop, a type change and a start.',
        'Run "aws ec2 modify-instance-credit-specification --instance-credit-specification InstanceId=<id>,CpuCredits=unlimited", or resize from `a` to t3.xlarge or m5.large.',
      ],
      why: 'Unlimited mode needs no downtime; for a server busy all day, a non-burstable type is often cheaper than paying surplus credits.',
      wrongMoves: [
        {
          id: 'reboot',
          when: { kind: 'actionDone', action: 'reboot' },
          say: 'A reboot does not refill the credit balance: the instance comes back at the same baseline. Change the credit mode or the type instead.',
        },
      ],
    },
    {
      id: 'prevent',
      title: 'Prevent it: which alarm warns in time?',
      narration: [
        'A CPU alarm at 80% would never have fired here: a throttled t3 cannot get above 30%. The metric that moved for a whole day before the slowdown was the credit balance.',
        'The app\'s recommended alarms have no credit alarm; on your own account it is one put-metric-alarm on CPUCreditBalance.',
      ],
      goal: { kind: 'answered', question: 'cpu-credits-alarm' },
      hints: [
        'Look at the credit balance chart over 24 hours: when did it start to fall?',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'CPUCreditBalance below a floor, e.g. "aws cloudwatch put-metric-alarm --namespace AWS/EC2 --metric-name CPUCreditBalance --statistic Minimum --period 300 --evaluation-periods 1 --threshold 100 --comparison-operator LessThanThreshold --dimensions Name=InstanceId,Value=<id> --alarm-name <name>".',
      ],
      why: 'A falling balance gives hours of warning before the clamp; CPU utilization gives none.',
      question: {
        id: 'cpu-credits-alarm',
        prompt: 'Which alarm would have paged someone hours before this t3 was throttled?',
        choices: [
          'CPUUtilization above 80% for 10 minutes',
          'StatusCheckFailed at 1',
          'CPUCreditBalance below 100',
          'NetworkIn above its weekly average',
        ],
        answer: 'c',
        explanation: 'The balance drained for most of a day before it hit 0. CPU never passed its 30% ceiling once throttled, and the checks stayed green the whole time.',
      },
      wrongMoves: [
        {
          id: 'cpu-alarm',
          when: { kind: 'alarmExists', metric: 'CPUUtilization', min: 50 },
          say: 'A high-CPU alarm cannot fire on a throttled t3: CPU is held at its 30% baseline. Alarm on CPUCreditBalance as well.',
        },
      ],
    },
    {
      id: 'explain',
      title: 'Explain it',
      goal: { kind: 'answered', question: 'cpu-credits-unresponsive' },
      hints: [
        'The app is slow but the instance is up: where does the exam say to look?',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'Check CloudWatch metrics, the system logs and the application logs.',
      ],
      why: 'Status → Metrics → Logs is the order the exam expects, and here the metrics held the answer.',
      question: {
        id: 'cpu-credits-unresponsive',
        prompt: 'An instance is running and passes its status checks, but the application barely responds. What do you do first?',
        choices: [
          'Stop and start the instance',
          'Check CloudWatch metrics, system logs and application logs',
          'Reboot the instance',
          'Open port 22 to 0.0.0.0/0 to investigate',
        ],
        answer: 'b',
        explanation: 'Passing checks rule out the host and the OS being down. The metrics (here CPU and the credit balance) and the logs show what the application is starved of.',
      },
    },
  ],
  examTips: [
    'Instance is running but the application is unresponsive: check CloudWatch metrics, system logs, application logs.',
    'CloudWatch default metrics: CPU, network, disk I/O, status checks (and CPUCreditBalance for burstable types).',
    'Burstable (T) instances in standard mode are held at their baseline once their credits run out; unlimited mode bills the surplus instead.',
  ],
};
