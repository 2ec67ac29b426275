export default defineAppConfig({
  pages: ['pages/home/index', 'pages/me/index'],
  subPackages: [
    { root: 'pkg-account', pages: ['register/index', 'profile/index', 'transfer/index'] },
    { root: 'pkg-greencard', pages: ['card/index', 'verify/index', 'fullscreen/index', 'history/index', 'staff/index'] },
    { root: 'pkg-trips', pages: ['list/index', 'detail/index', 'signup/index', 'mine/index', 'manage/index', 'edit/index', 'roster/index', 'review/index', 'draw/index'] },
    { root: 'pkg-hardship', pages: ['index/index'] },
    { root: 'pkg-wishes', pages: ['index/index', 'pool/index', 'detail/index', 'mine/index', 'deliver/index', 'collect/index', 'wall/index', 'staff/index'] },
    { root: 'pkg-staff', pages: ['index/index', 'people/index', 'honours/index', 'transfers/index', 'dashboard/index', 'todo/index', 'trail/index'] },
    { root: 'pkg-notices', pages: ['inbox/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#b3161c',
    navigationBarTitleText: '劳模工匠之家',
    navigationBarTextStyle: 'white',
    // H5 draws Taro's navigation bar too (title, back and home buttons; src/lib/platform-a11y.h5.ts names them).
    navigationStyle: 'default',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#444444',
    selectedColor: '#b3161c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  cloud: true,
  lazyCodeLoading: 'requiredComponents',
});
