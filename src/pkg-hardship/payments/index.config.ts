export default definePageConfig({ navigationBarTitleText: '救助金发放' });
