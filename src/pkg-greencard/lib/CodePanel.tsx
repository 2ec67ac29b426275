/** The current signed code with its countdown and the short code the clerk can type. */
import { Text, View } from '@tarojs/components';
import type { CodeItem } from '../../../types/greencard.schema';
import { formatShortCode, msLeftInWindow } from '../../../types/greencard.code';
import { QrCode } from './QrCode';

export function CodePanel({ code, now, large = false }: { code: CodeItem; now: number; large?: boolean }) {
  const seconds = Math.ceil(msLeftInWindow(now) / 1000);
  return (
    <View className={`gc-code ${large ? 'gc-code--large' : ''}`}>
      <QrCode text={code.c} className={large ? 'gc-qr--large' : ''} />
      <View className="gc-code__countdown">
        <Text className="gc-code__seconds">{seconds}</Text> 秒后自动更换
      </View>
      <View className="gc-code__short-label">扫不出来时，请窗口输入短码</View>
      <View className="gc-code__short" data-short={code.s}>
        {formatShortCode(code.s)}
      </View>
    </View>
  );
}
