import { View } from '@tarojs/components';

export default function TripsPlaceholder() {
  return <View className="page hint">疗休养服务正在接入</View>;
}
