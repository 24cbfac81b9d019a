import type { Response } from 'express';
import type { CommandOutcome } from '../commands/command-runner';
import type { CommandResponseDto } from './command-response.dto';

/** Answers a command: the body, plus ETag (the revision, for If-Match) and the log position. */
export function respond(res: Response, outcome: CommandOutcome, id?: string): CommandResponseDto {
  if (outcome.revision !== null) res.setHeader('ETag', `"${outcome.revision}"`);
  if (outcome.position !== null) res.setHeader('X-Log-Position', outcome.position);
  return { id, revision: outcome.revision, position: outcome.position, events: [...outcome.events], replayed: outcome.replayed };
}
