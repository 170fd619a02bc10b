// 人才库管理员的页面：专家名册（按条件筛选）、表格导入（逐行校验报告）。

export const routes = [];

export const nav = {};
