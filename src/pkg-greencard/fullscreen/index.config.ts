export default definePageConfig({ navigationBarTitleText: '亮证', navigationBarBackgroundColor: '#ffffff', navigationBarTextStyle: 'black' });
