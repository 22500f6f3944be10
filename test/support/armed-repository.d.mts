export interface ArmedRepository {
  /** Where the programs leave their markers. */
  readonly markers: string;
  /** The vectors whose program ran so far, sorted. */
  fired(): string[];
}
/** Arms `repo` (tools, hooks and markers go into `folder`); run it after the repository's commits. */
export function armRepository(repo: string, folder: string): ArmedRepository;
