// SendCommand's input as Systems Manager validates it: one document (AWS-RunShellScript), its commands, the
// instances (1–50), the delivery timeout and the comment. Errors carry SSM's own codes.
import { SimError } from '../protocol/errors.js';
import type { SimCommandRequest } from '../types.js';
import { readInteger, readList, readString, readStringList, readStruct } from './input.js';

type Input = Readonly<Record<string, unknown>>;

/** The only document the fleet's instances run (Linux shell scripts). */
export const RUN_SHELL_SCRIPT = 'AWS-RunShellScript';
/** AWS's own documents the fleet knows of but whose platform no fleet instance has. */
const OTHER_PLATFORM_DOCUMENTS = new Set(['AWS-RunPowerShellScript']);
const RUN_SHELL_PARAMETERS = new Set(['commands', 'workingDirectory', 'executionTimeout']);

/** A request that breaks SSM's model constraints (400 ValidationException). */
export function validation(message: string): SimError {
  return new SimError('ValidationException', message);
}

export function invalidCommandId(): SimError {
  return new SimError('InvalidCommandId', 'The specified command ID is not valid.');
}

function invalidParameters(message: string): SimError {
  return new SimError('InvalidParameters', message);
}

function readParameters(input: Input): { commands: string[]; executionTimeout: number } {
  const parameters = readStruct(input.Parameters, 'Parameters', validation);
  for (const key of Object.keys(parameters)) {
    if (!RUN_SHELL_PARAMETERS.has(key)) throw invalidParameters(`Parameter "${key.slice(0, 64)}" is not defined in document ${RUN_SHELL_SCRIPT}.`);
  }
  const commands = readStringList(parameters.commands, 'Parameters.commands', validation);
  if (commands.length === 0 || commands.every((c) => c.trim() === '')) throw invalidParameters('Parameters "commands" are required but not provided.');
  const timeoutText = readStringList(parameters.executionTimeout, 'Parameters.executionTimeout', validation)[0];
  const executionTimeout = timeoutText === undefined ? 3600 : /^\d{1,6}$/.test(timeoutText) ? Number(timeoutText) : NaN;
  if (!(executionTimeout >= 1 && executionTimeout <= 172_800)) {
    throw invalidParameters(`Parameter "executionTimeout" value "${String(timeoutText).slice(0, 32)}" is not valid: it must be a number of seconds from 1 to 172800.`);
  }
  return { commands, executionTimeout };
}

/** Reads and validates a SendCommand; the instances themselves are checked by the world. */
export function commandRequest(input: Input): SimCommandRequest {
  const documentName = readString(input.DocumentName, 'DocumentName', validation);
  if (documentName === undefined || documentName === '') {
    throw validation("1 validation error detected: Value null at 'documentName' failed to satisfy constraint: Member must not be null");
  }
  if (readList(input.Targets).length > 0) {
    throw validation('The fleet takes SendCommand by InstanceIds; Targets (tags, resource groups) are not supported.');
  }
  const instanceIds = readStringList(input.InstanceIds, 'InstanceIds', validation);
  if (instanceIds.length === 0) throw validation('Either InstanceIds or Targets must be specified.');
  if (instanceIds.length > 50) {
    throw validation("1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50");
  }
  if (instanceIds.some((id) => !/^(i|mi)-[0-9a-f]{8,17}$/.test(id))) throw new SimError('InvalidInstanceId', 'Instances not in a valid state for account');
  if (OTHER_PLATFORM_DOCUMENTS.has(documentName)) throw new SimError('UnsupportedPlatformType', 'The document does not support the platform of the instances.');
  if (documentName !== RUN_SHELL_SCRIPT) throw new SimError('InvalidDocument', `Document with name ${documentName.slice(0, 128)} does not exist.`);
  const timeoutSeconds = readInteger(input.TimeoutSeconds, 'TimeoutSeconds', validation) ?? 3600;
  if (timeoutSeconds < 30 || timeoutSeconds > 2_592_000) {
    throw validation(`1 validation error detected: Value '${timeoutSeconds}' at 'timeoutSeconds' failed to satisfy constraint: Member must have value ${timeoutSeconds < 30 ? 'greater than or equal to 30' : 'less than or equal to 2592000'}`);
  }
  const comment = readString(input.Comment, 'Comment', validation) ?? '';
  if (comment.length > 100) {
    throw validation("1 validation error detected: Value at 'comment' failed to satisfy constraint: Member must have length less than or equal to 100");
  }
  const { commands, executionTimeout } = readParameters(input);
  return { documentName, commands, instanceIds: [...new Set(instanceIds)], timeoutSeconds, executionTimeoutSeconds: executionTimeout, comment };
}
