/**
 * The plugin image's Dockerfile and build context as data, for the tests beside this file. Parsing is
 * dockerfile-ast's (rcjsuen, the parser behind the VS Code Docker language server); context matching is
 * @balena/dockerignore's (a port of Docker's own .dockerignore matcher). Nothing here builds an image.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import ignore from '@balena/dockerignore';
import { Copy, DockerfileParser, From, JSONInstruction, type Instruction } from 'dockerfile-ast';

export const repoRoot = path.resolve(__dirname, '../..');

/** One `FROM` and the instructions after it, up to the next `FROM`. */
export interface Stage {
  from: From;
  /** The `AS` name, if any. */
  name: string | null;
  instructions: Instruction[];
}

export const parseStages = (dockerfileText: string): Stage[] => {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(dockerfileText).getInstructions()) {
    if (instruction instanceof From) {
      stages.push({ from: instruction, name: instruction.getBuildStage(), instructions: [] });
    } else if (stages.length > 0) {
      // Instructions before the first FROM are global ARGs: they belong to no stage.
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
};

type Position = ReturnType<Instruction['getRange']>['start'];

/** Offset in the instruction's text of a position in the Dockerfile. */
const offsetIn = (instruction: Instruction, position: Position): number => {
  const start = instruction.getRange().start;
  const lines = instruction.getTextContent().split('\n');
  let offset = 0;
  for (let line = start.line; line < position.line; line++) {
    offset += lines[line - start.line].length + 1;
  }
  return offset + position.character - (position.line === start.line ? start.character : 0);
};

/**
 * The instruction's arguments as Docker reads them: the strings of an exec-form JSON array, else the words.
 * The array is read with JSON.parse from the text between its brackets (dockerfile-ast 0.7.1's
 * getJSONValue() drops the spaces inside a string: "daemon off;" would read "daemonoff;").
 */
export const argumentsOf = (instruction: Instruction): string[] => {
  if (instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0) {
    const open = instruction.getOpeningBracket();
    const close = instruction.getClosingBracket();
    if (open && close) {
      const json = instruction
        .getTextContent()
        .slice(offsetIn(instruction, open.getRange().start), offsetIn(instruction, close.getRange().end));
      return JSON.parse(json) as string[];
    }
  }
  return instruction.getArguments().map((a) => a.getValue());
};

export const withKeyword = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.getKeyword() === keyword);

/** A context-relative (or, with --from, stage-absolute) path without `./` or a trailing slash. */
export const normalizeSource = (source: string): string => {
  const normal = path.posix.normalize(source);
  return normal.length > 1 ? normal.replace(/\/$/, '') : normal;
};

export interface CopyStep {
  instruction: Copy;
  /** Index among the stage's instructions. */
  index: number;
  /** The `--from` stage or image, or null for the build context. */
  from: string | null;
  sources: string[];
  dest: string;
  flags: string[];
}

export const copySteps = (stage: Stage): CopyStep[] =>
  stage.instructions.flatMap((instruction, index) => {
    if (!(instruction instanceof Copy)) {
      return [];
    }
    const args = argumentsOf(instruction);
    return [
      {
        instruction,
        index,
        // Not getFromFlag(): dockerfile-ast 0.7.1 returns it only when --from is the instruction's one flag.
        from:
          instruction
            .getFlags()
            .find((f) => f.getName() === 'from')
            ?.getValue() ?? null,
        sources: args.slice(0, -1).map(normalizeSource),
        dest: args[args.length - 1],
        flags: instruction.getFlags().map((f) => f.getName()),
      },
    ];
  });

/** Docker's .dockerignore rules; case-sensitive, as Docker matches on Linux. */
export const dockerignore = (text: string) => ignore({ ignorecase: false }).add(text);

/** Every file of the work tree that git knows or would add (tracked, and untracked but not git-ignored). */
export const workTreeFiles = (): string[] =>
  execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter((f) => f !== '' && existsSync(path.join(repoRoot, f)));

/** Is `file` (context-relative) the source path itself or inside it? */
export const isUnder = (file: string, source: string): boolean =>
  source === '.' || file === source || file.startsWith(`${source}/`);

/** Unit tests sit beside the sources they test; the bundle never imports them. */
export const isUnitTest = (file: string): boolean => /\.(test|spec)\.tsx?$/.test(file);
