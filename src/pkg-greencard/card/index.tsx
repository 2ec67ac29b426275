import { View } from '@tarojs/components';

export default function GreencardPlaceholder() {
  return <View className="page hint">医疗绿通卡服务正在接入</View>;
}
