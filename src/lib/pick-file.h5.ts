import type { PickedFile } from './pick-file';

export type { PickedFile } from './pick-file';

/** Browser: a hidden `<input type="file">`, read with FileReader as a data URL. */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.className = 'import-file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      const reader = new FileReader();
      reader.onload = () => {
        const url = String(reader.result ?? '');
        resolve({ name: file.name, base64: url.slice(url.indexOf(',') + 1), size: file.size });
      };
      reader.onerror = () => reject(new Error('文件读取失败，请重新选择'));
      reader.readAsDataURL(file);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}
