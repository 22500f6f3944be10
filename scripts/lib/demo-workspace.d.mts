/** Creates `<parent>/acme-web` and its remote `<parent>/acme-web-origin.git`. */
export function createDemoWorkspace(parent: string): { workspace: string; origin: string };
