/**
 * Imports honours from a .csv or .xlsx file: first a check of every row (commit: false) that lists row errors,
 * then, when all rows are valid, the import itself (commit: true). The registry list reloads when it is shown again.
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '../../services/cloud';
import { pickSpreadsheet, type PickedFile } from '../../lib/pick-file';
import { useMutation } from '../../lib/useMutation';
import { toast } from '../../lib/nav';
import { FormError } from '../../components/Field';
import { Button } from '../../components/ui/Button';
import { Cell, CellGroup } from '../../components/ui/Cell';

type Preview = ActionOutput<'staff', 'importHonours'>;

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  title: '荣誉称号',
  level: '荣誉级别',
  year: '年份',
  awardingBody: '授予单位',
};

export function ImportPanel() {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [pickError, setPickError] = useState('');
  // The check writes nothing; the import is one attempt per file (the same requestId if retried after a network failure).
  const checkRows = useMutation((picked: PickedFile) => call('staff', 'importHonours', { fileName: picked.name, contentBase64: picked.base64, commit: false }));
  const importRows = useMutation('staff', 'importHonours');
  const busy = checkRows.busy || importRows.busy;
  const error = pickError || (checkRows.error ? (checkRows.error.issues?.[0]?.message ?? checkRows.error.message) : '') || importRows.error?.message || '';

  const choose = async () => {
    setPickError('');
    let picked: PickedFile | null;
    try {
      picked = await pickSpreadsheet();
    } catch (e) {
      return setPickError(e instanceof Error ? e.message : '文件读取失败，请重新选择');
    }
    if (!picked) return;
    setFile(picked);
    setPreview(null);
    importRows.reset();
    const r = await checkRows.run(picked);
    if (r?.ok) setPreview(r.data);
  };

  const commit = async () => {
    if (!file) return;
    const r = await importRows.run({ fileName: file.name, contentBase64: file.base64, commit: true });
    if (!r || !r.ok) return;
    setPreview(r.data);
    if (r.data.committed) toast(`已导入 ${r.data.created} 条`);
  };

  return (
    <View className="import-panel">
      <View className="hint">
        表格第一行为表头：姓名、身份证号、荣誉称号、荣誉级别（全国级/省部级/市级/县级）、年份、授予单位。先检查全部行，无误后再导入。
      </View>
      <View className="actions">
        <Button type="primary" fill="outline" block loading={checkRows.busy} disabled={busy} className="import-panel__choose" onClick={() => void choose()}>
          {file ? '重新选择文件' : '选择 CSV 或 Excel 文件'}
        </Button>
      </View>
      {file ? <View className="hint">{`已选择：${file.name}`}</View> : null}
      <FormError message={error} />
      {preview ? (
        <View className="import-panel__preview">
          <View className="hint import-panel__summary">
            {preview.committed
              ? `导入完成：新增 ${preview.created} 条，已存在 ${preview.unchanged} 条。`
              : `共 ${preview.rows} 行，${preview.errors.length === 0 ? '全部无误' : `${preview.errors.length} 处需要修改`}；将新增 ${preview.created} 条，已存在 ${preview.unchanged} 条。`}
          </View>
          {preview.errors.length > 0 ? (
            <CellGroup title="需要修改的行">
              {preview.errors.map((e, i) => (
                <Cell
                  key={`${e.row}-${e.field ?? ''}-${i}`}
                  className="import-panel__error"
                  title={`第 ${e.row} 行${e.field ? ` · ${FIELD_LABELS[e.field] ?? e.field}` : ''}`}
                  description={e.message}
                />
              ))}
            </CellGroup>
          ) : null}
          {!preview.committed && preview.errors.length === 0 && preview.rows > 0 ? (
            <View className="actions">
              <Button type="primary" block loading={importRows.busy} className="import-panel__commit" onClick={() => void commit()}>
                {`确认导入 ${preview.rows} 行`}
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
