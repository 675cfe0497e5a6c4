// Lesson: nobody can SSH to the ML server because its security group lost the port-22 rule. The fix is one rule
// for your own address (/32), never the whole internet. Content only: the engine judges the goals.
import { TRAINING_CALLER_ADDRESS, TRAINING_CALLER_CIDR } from '../../domain/target.js';
import type { Lesson } from '../types.js';

export const lesson: Lesson = {
  id: 'ssh-blocked',
  title: "Can't SSH: the security group",
  summary: 'SSH to the ML server times out though the app is fine: walk the Can\'t SSH runbook and open port 22 to you only',
  scenario: 'ssh-blocked',
  cause: 'ssh-blocked',
  instance: 'pettracker-ml-server',
  narration: [
    'A colleague wants to look at a log on pettracker-ml-server, and ssh just hangs until it times out. The app itself still answers on 8080.',
    'A hang, not "connection refused", is a clue: something between you and sshd drops the packets without a reply. That is how security groups and network ACLs behave.',
    'The Can\'t SSH runbook checks the path in order: security group, public IP, route to an internet gateway, network ACL, key pair, and only then the OS.',
  ],
  tasks: [
    {
      id: 'find',
      title: 'Find the instance nobody can reach',
      goal: { kind: 'selected' },
      hints: [
        'It is the story\'s ML server; the list can be filtered by name.',
        'Type `/` and "ml" to filter, `Enter` to keep the filter.',
        'Select pettracker-ml-server.',
      ],
      why: 'Its checks are green, so the list will not shout about it: you have to know what you are looking for.',
    },
    {
      id: 'triage',
      title: 'Run the triage',
      narration: ['The status checks pass and the metrics look normal. The triage also walks the network path from the internet to the instance.'],
      goal: { kind: 'triaged' },
      hints: [
        'The triage pane reads the checks, the metrics, the logs and the network path.',
        'Press `t` with the instance selected.',
        'Press `t`: no inbound rule of the security group covers TCP 22, so the packets are dropped at the group.',
      ],
      why: 'Green checks only say the OS answers EC2; they say nothing about who may reach it on port 22.',
    },
    {
      id: 'runbook',
      title: "Walk the Can't SSH runbook",
      goal: { kind: 'runbookRun', runbook: 'cant-ssh' },
      hints: [
        'The runbooks are checklists by symptom; the triage preselects the one that fits.',
        'Press `b` and choose "Can\'t SSH" (`Enter` or its number).',
        'Press `b`, `Enter` on Can\'t SSH: it stops at the first broken link, the security group.',
      ],
      why: 'A runbook goes through the path in order, so you fix the first break instead of guessing at the OS.',
    },
    {
      id: 'describe',
      title: 'Read the security group rules yourself',
      goal: { kind: 'viewOpen', view: 'describe' },
      hints: [
        'The describe view lists the instance\'s security groups with their inbound rules.',
        'Press `d` for describe; `j`/`k` scroll and `Esc` closes.',
        'Press `d`: pettracker-ml-sg still allows 8080, and nothing allows 22.',
      ],
      why: 'Seeing the rules with your own eyes tells you which group to change, and that the app port must stay as it is.',
    },
    {
      id: 'logs',
      title: 'Open the system log: when did the logins stop?',
      goal: { kind: 'logAt', source: 'group' },
      hints: [
        'sshd writes every login to the system log, which the agent ships to CloudWatch Logs.',
        'Press `l`, then `Tab` to the system log group; `/` searches for "sshd".',
        'The last session ended more than half an hour ago; nothing after, because no packet reaches sshd any more.',
      ],
      why: 'No failed logins at all means the connections never arrived: the block is in the network, not in sshd or the key.',
    },
    {
      id: 'fix',
      title: 'Fix it: allow SSH from your address only',
      narration: [
        `The triage prints the exact rule to add: your public address as a /32, one address and nobody else. On this training fleet you are ${TRAINING_CALLER_ADDRESS}, this fleet's stand-in for your public address (on a real account, "curl -s https://checkip.amazonaws.com" tells you yours).`,
        'Opening port 22 to 0.0.0.0/0 would also "work", and would invite every scanner on the internet to try passwords and keys on the box.',
      ],
      goal: { kind: 'sshReachable' },
      hints: [
        "The triage's first recommendation holds the command; it names this lesson's fleet as its endpoint, so it runs against the world you are looking at.",
        `Read "Allow SSH (TCP 22) from ${TRAINING_CALLER_CIDR}" under "Do this" in the triage pane (or in the report \`e\` saves): that command is the fix.`,
        `In another terminal, with AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test, run the printed "aws ec2 authorize-security-group-ingress … --cidr ${TRAINING_CALLER_CIDR} … --endpoint-url http://127.0.0.1:…" as it is, while ec2-triage runs.`,
      ],
      why: 'A /32 lets exactly one address in, which is all you need; the narrower the rule, the smaller the attack surface.',
    },
    {
      id: 'explain',
      title: 'Explain it',
      goal: { kind: 'answered', question: 'ssh-blocked-cidr' },
      hints: [
        'Think about who else the rule lets in.',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'Your own address as a /32, or no open port at all with Session Manager.',
      ],
      why: 'Least privilege on the network is a recurring exam theme, and a 0.0.0.0/0 SSH rule is its classic counter-example.',
      question: {
        id: 'ssh-blocked-cidr',
        prompt: 'SSH to an instance times out. The security group has no rule for port 22. Which change fixes it safely?',
        choices: [
          'Allow TCP 22 from 0.0.0.0/0',
          'Allow TCP 22 from your own public IP as a /32',
          'Reboot the instance so sshd restarts',
          'Replace the key pair',
        ],
        answer: 'b',
        explanation: 'The packets are dropped at the security group, so a rule is needed, but only for your address. 0.0.0.0/0 opens SSH to the world; a reboot or a new key does not touch the group.',
      },
    },
  ],
  examTips: [
    "Can't SSH: check the security group first, then the public IP and the route to an internet gateway, then the key, then the OS.",
    'A timeout means packets are dropped (security group, NACL, route); "connection refused" means they arrived and nothing listens.',
    'Session Manager reaches the instance with no open port and no key.',
  ],
};
