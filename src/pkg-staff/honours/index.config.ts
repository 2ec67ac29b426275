export default definePageConfig({ navigationBarTitleText: '荣誉登记册' });
