// The parser is pure TypeScript shared with the device (offline answers); it lives in src/lib/shared/intent-parser.
export * from '../../../src/lib/shared/intent-parser/intents';
