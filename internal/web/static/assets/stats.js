// 组织者的页面：按人才库、乡镇、月份和需求类型的统计图表，可下载 CSV。

export const routes = [];

export const nav = {};
