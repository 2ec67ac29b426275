import Taro from '@tarojs/taro';
import type { PickedFile } from './pick-file';

export type { PickedFile } from './pick-file';

/** WeChat: choose a .csv/.xlsx file sent in a chat, then read it as base64. */
export async function pickSpreadsheet(): Promise<PickedFile | null> {
  let file: { path: string; name: string; size: number };
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
    file = res.tempFiles[0];
  } catch {
    return null;
  }
  if (!file) return null;
  const base64 = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (r) => resolve(typeof r.data === 'string' ? r.data : ''),
      fail: () => reject(new Error('文件读取失败，请重新选择')),
    });
  });
  return { name: file.name, base64, size: file.size };
}
