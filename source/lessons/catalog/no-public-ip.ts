// Lesson: the ML server was relaunched into the private subnet: no public IP, and 0.0.0.0/0 goes to a NAT gateway.
// The Can't SSH runbook's second branch. Content only: the engine judges the goals.
import { TRAINING_CALLER_ADDRESS, TRAINING_CALLER_CIDR } from '../../domain/target.js';
import type { Lesson } from '../types.js';

export const lesson: Lesson = {
  id: 'no-public-ip',
  title: "Can't SSH: no public IP",
  summary: 'The ML server came back in a private subnet: find the missing address and the missing route',
  scenario: 'no-public-ip',
  cause: 'no-public-ip',
  instance: 'pettracker-ml-server',
  narration: [
    'A Terraform change went out this evening, and since then ssh to the ML server\'s old address times out. Inside the VPC the app still serves its callers.',
    'An instance is reachable from the internet only if three things line up: it has a public address, its subnet routes 0.0.0.0/0 to an internet gateway, and the network ACL lets the traffic through.',
    `Any one missing looks the same from your laptop: a timeout. So we check each in turn. On this training fleet your laptop is ${TRAINING_CALLER_ADDRESS}, this fleet's stand-in for your public address, inside the office range the security group allows.`,
  ],
  tasks: [
    {
      id: 'find',
      title: 'Find the instance that moved',
      goal: { kind: 'selected' },
      hints: [
        'It is the story\'s ML server; filter the list by name.',
        'Type `/` and "ml", then `Enter`.',
        'Select pettracker-ml-server; note that it has no public IP any more.',
      ],
      why: 'Its checks are green: a network problem does not show in the status column.',
    },
    {
      id: 'triage',
      title: 'Run the triage',
      goal: { kind: 'triaged' },
      hints: [
        'The triage walks the network path from the internet to the instance.',
        'Press `t` with the instance selected.',
        'Press `t`: no public IP, and the subnet\'s default route goes to a NAT gateway, not an internet gateway.',
      ],
      why: 'A NAT gateway lets the instance reach out; it never lets the internet reach in. That is what makes a subnet private.',
    },
    {
      id: 'describe',
      title: 'Read where the instance lives now',
      goal: { kind: 'viewOpen', view: 'describe' },
      hints: [
        'The describe view shows the subnet, the private and public IPs and the launch time.',
        'Press `d`; `j`/`k` scroll, `Esc` closes.',
        'Press `d`: another subnet id than before (the private one), a new private IP, no public IP, launched about an hour and a half ago.',
      ],
      why: 'The launch time and the new subnet tell the story: the instance was replaced, and the private subnet does not hand out public IPs.',
    },
    {
      id: 'runbook',
      title: "Walk the Can't SSH runbook",
      goal: { kind: 'runbookRun', runbook: 'cant-ssh' },
      hints: [
        'The runbooks check the path in order and stop at the first break.',
        'Press `b` and choose "Can\'t SSH".',
        'Press `b`, `Enter` on Can\'t SSH: the security group is fine, the public IP step fails.',
      ],
      why: 'The runbook proves the security group was never the problem, so you do not open ports that were not the cause.',
    },
    {
      id: 'address',
      title: 'Give the instance a public address',
      narration: ['An Elastic IP is a public address you own: it stays with the instance across stops and starts, unlike an automatic public IP.'],
      goal: { kind: 'hasPublicIp' },
      hints: [
        "The triage's recommendations hold the commands; they name this lesson's fleet as their endpoint, so they change the world you are looking at.",
        'Read "Give the instance an Elastic IP" under "Do this" in the triage pane (or in the report `e` saves).',
        'In another terminal, with AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test, run its two printed lines as they are (ALLOC_ID=$(aws ec2 allocate-address …) then aws ec2 associate-address …), while ec2-triage runs.',
      ],
      why: 'Without a public address there is nothing on the internet to connect to at all.',
    },
    {
      id: 'route',
      title: 'Make the whole path work: the route and the ACL',
      narration: [
        'An address alone is not enough: replies still leave through the NAT gateway and never come back to you. The subnet needs a route to an internet gateway, and its ACL must allow 22 in.',
        'Think before you do it: changing this route table makes every subnet that uses it public. For a truly private server, a bastion or Session Manager is the better door.',
      ],
      goal: { kind: 'sshReachable' },
      hints: [
        "The triage's recommendations list the route, then the ACL; `t` again shows what is still missing.",
        `Run the printed "aws ec2 replace-route … --gateway-id igw-…"; then \`t\` again: the network ACL entry it prints lets TCP 22 in from ${TRAINING_CALLER_CIDR}, this fleet's stand-in for your public address.`,
        'Run the printed commands as they are (with AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test), pressing `t` after each, until the triage says the path is clear.',
      ],
      why: 'Reachability is a chain: address, route, ACL, security group. A single missing link times out exactly like all of them.',
    },
    {
      id: 'explain',
      title: 'Explain it',
      goal: { kind: 'answered', question: 'no-public-ip-igw' },
      hints: [
        'The security group allows 22; what else must be true for a packet to arrive?',
        'Press the letter of your choice: `a`, `b`, `c` or `d`.',
        'Check that the subnet routes to an internet gateway and that the instance has a public IP.',
      ],
      why: 'The exam\'s SSH flowchart goes security group → public IP → internet gateway; this lesson was its middle steps.',
      question: {
        id: 'no-public-ip-igw',
        prompt: 'You cannot SSH to an instance. Its security group allows port 22 from your IP, and it has no public IP. What do you check next?',
        choices: [
          'Whether sshd is running',
          'Whether the key pair is correct',
          'Whether the subnet has a route to an internet gateway',
          'Whether the instance needs a bigger type',
        ],
        answer: 'c',
        explanation: 'With no public IP the instance is unreachable from the internet; it also needs its subnet to route to an internet gateway. sshd and the key only matter once packets arrive.',
      },
    },
  ],
  examTips: [
    "Can't SSH with no public IP: check that the subnet has an internet gateway route; an Elastic IP survives stop and start.",
    'A NAT gateway gives outbound access only; inbound from the internet needs an internet gateway.',
    'Session Manager reaches a private instance with no open port and no key.',
  ],
};
