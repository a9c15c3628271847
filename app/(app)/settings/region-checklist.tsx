import { DEFAULT_ENABLED_REGIONS, OPT_IN_REGIONS } from "@/lib/evidence/known-regions";

/**
 * The AWS regions as checkboxes (name "regions"): the regions enabled by default, then the opt-in ones.
 * `enabled` marks the opt-in regions the account turned on, when known; `selected` are checked at first.
 */
export function RegionChecklist({
  id,
  selected,
  enabled,
  error,
}: {
  id: string;
  selected: readonly string[];
  enabled?: readonly string[];
  error?: string;
}) {
  const optIn = OPT_IN_REGIONS.filter((region) => !enabled || enabled.includes(region) || selected.includes(region));
  const groups = [
    { title: "Enabled in every account", regions: [...DEFAULT_ENABLED_REGIONS] },
    {
      title: enabled ? "Opt-in regions this account enabled" : "Opt-in regions (only if the account enabled them)",
      regions: optIn,
    },
  ].filter((group) => group.regions.length > 0);
  return (
    <fieldset
      className="space-y-2"
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
      aria-invalid={error ? true : undefined}
    >
      <legend className="text-sm font-medium text-slate-800">Regions</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        Rampart collects regional evidence in the regions checked here; resources found in other enabled regions raise a
        coverage warning.
      </p>
      {groups.map((group) => (
        <div key={group.title}>
          <p className="mb-1 text-xs font-medium text-slate-600">{group.title}</p>
          <div className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-4">
            {group.regions.map((region) => (
              <label key={region} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="regions"
                  value={region}
                  defaultChecked={selected.includes(region)}
                  className="h-4 w-4 rounded border-slate-300"
                />
                <span className="font-mono text-xs">{region}</span>
              </label>
            ))}
          </div>
        </div>
      ))}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
