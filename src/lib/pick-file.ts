/**
 * Lets the user pick a spreadsheet and returns it as base64. Declared here for TypeScript; Taro resolves
 * `./pick-file` to pick-file.weapp.ts (chooseMessageFile: a file from a WeChat chat) or pick-file.h5.ts
 * (a browser file input) at build time.
 */
export interface PickedFile {
  name: string;
  base64: string;
  size: number;
}

/** Resolves null when the user cancels; rejects with a plain-Chinese Error when the file cannot be read. */
export declare function pickSpreadsheet(): Promise<PickedFile | null>;
