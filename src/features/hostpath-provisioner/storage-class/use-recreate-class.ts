import { k8sGet, type Patch } from '@openshift-console/dynamic-plugin-sdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import { guardFailed } from '../../../k8s/edit-session';
import { buildGuardedPatch, testedPaths } from '../../../k8s/json-patch';
import { readK8sError } from '../../../k8s/k8s-errors';
import { StorageClassModel, StorageProfileModel } from '../../../k8s/models';
import type { StorageClass, StorageProfile, StorageProfileSpec } from '../../../k8s/types';
import { useK8sPatchMutation } from '../../../k8s/use-k8s-patch-mutation';
import { useCreateObject, useDeleteObject } from '../../../k8s/use-object-writes';
import {
  clusterStateAfterFailure,
  profileSpecChanges,
  recreatePlan,
  restorableClass,
  type ClusterStateAfterFailure,
  type RecreatePlan,
} from '../logic/storage-class-spec';
import { metadataName } from '../../../k8s/names';

/**
 * Runs the re-creation of a StorageClass (`recreatePlan`) one step at a time with progress per step: keep the
 * class and its StorageProfile spec, delete the class (guarded by its uid and resourceVersion), create it
 * with the new immutable fields, wait for CDI to create the new StorageProfile, and write the saved profile
 * spec onto it with a guarded patch. On a failure it stops and says what state the cluster is in
 * (`clusterStateAfterFailure`); `restore` creates the saved class again (then its profile spec) and
 * `reapplyProfileSpec` writes the saved spec onto the profile that exists now. Errors are kept verbatim.
 */

export type RunStepId =
  'save' | 'delete-class' | 'create-class' | 'restore-class' | 'wait-profile' | 'reapply-profile-spec';

export type RunStepStatus = 'pending' | 'running' | 'done' | 'failed' | 'not-run';

export interface RunStep {
  id: RunStepId;
  status: RunStepStatus;
  error?: unknown;
}

/** Which run the progress shows: the re-creation, the restore of the saved class, or the profile spec alone. */
export type RunKind = 'recreate' | 'restore' | 'reapply';

export type RecreateOutcome =
  | { kind: 'done'; run: RunKind }
  | {
      kind: 'failed';
      run: RunKind;
      step: RunStepId;
      error: unknown;
      /** What is on the cluster now, and what the dialog can offer to put back. */
      state: ClusterStateAfterFailure;
      /** The delete failed, but a re-read shows the class is gone (the answer was lost, not the delete). */
      deletedAnyway?: boolean;
    };

/** What the dialog keeps to put the class back: shown to the user too, so it survives a closed browser. */
export interface SavedClass {
  storageClass: StorageClass;
  profileSpec?: StorageProfileSpec;
  /** The uid of the class's profile before the delete: the new one is told apart by its uid. */
  oldProfileUid?: string;
}

/** CDI did not create (or the watch did not show) the new StorageProfile in time. */
export class ProfileWaitTimeout extends Error {
  constructor(readonly profileName: string) {
    super(`StorageProfile ${profileName} did not appear`);
  }
}

export interface RecreateClassOptions {
  /** The class as watched now (undefined while unknown). */
  storageClass: StorageClass | undefined;
  /** Its StorageProfile: `null` when it has none, undefined when it could not be read. */
  profile: StorageProfile | null | undefined;
  /** The class wanted instead (same name, new immutable fields). */
  desired: StorageClass;
  /** The watched StorageProfiles (the new profile is awaited there). */
  profiles: readonly StorageProfile[] | undefined;
  /** How long to wait for CDI's new profile before giving up, in ms. */
  profileTimeoutMs?: number;
  /**
   * After this long (ms) a profile that still has the old uid is taken as it is: CDI kept it because the
   * class was back before it reconciled the delete (its spec is then still there).
   */
  oldProfileGraceMs?: number;
}

export interface RecreateClass {
  /** The plan for the current choices; from the moment it runs, the plan that was run. */
  plan: RecreatePlan | undefined;
  run: () => void;
  /** Create the saved class again, then write its profile spec (after a failed create). */
  restore: () => void;
  /** Write the saved profile spec onto the class's profile as it is now. */
  reapplyProfileSpec: () => void;
  isRunning: boolean;
  /** The run the progress belongs to. */
  runKind?: RunKind;
  progress: RunStep[];
  outcome?: RecreateOutcome;
  saved?: SavedClass;
  /** The patch the last profile-spec step sent (or would have sent). */
  profilePatch?: Patch[];
}

const POLL_MS = 250;

export const useRecreateClass = ({
  storageClass,
  profile,
  desired,
  profiles,
  profileTimeoutMs = 120_000,
  oldProfileGraceMs = 15_000,
}: RecreateClassOptions): RecreateClass => {
  const livePlan = useMemo(
    () => (storageClass ? recreatePlan(storageClass, profile, desired) : undefined),
    [storageClass, profile, desired],
  );
  const [ran, setRan] = useState<RecreatePlan>();
  const [progress, setProgress] = useState<RunStep[]>([]);
  const [runKind, setRunKind] = useState<RunKind>();
  const [outcome, setOutcome] = useState<RecreateOutcome>();
  const [saved, setSaved] = useState<SavedClass>();
  const [profilePatch, setProfilePatch] = useState<Patch[]>();
  const [isRunning, setRunning] = useState(false);
  const running = useRef(false);
  const mounted = useRef(true);
  const create = useCreateObject<StorageClass>();
  const remove = useDeleteObject<StorageClass>();
  const patch = useK8sPatchMutation<StorageProfile>();

  // The latest watched profiles, for the wait step (which runs across renders).
  const profilesRef = useRef(profiles);
  const onProfiles = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    profilesRef.current = profiles;
    onProfiles.current?.();
  }, [profiles]);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      onProfiles.current = undefined;
    };
  }, []);

  const update = (id: RunStepId, change: Partial<RunStep>) =>
    setProgress((list) => list.map((s) => (s.id === id ? { ...s, ...change } : s)));

  const fail = (id: RunStepId, error: unknown) =>
    setProgress((list) => {
      const at = list.findIndex((s) => s.id === id);
      return list.map((s, i) =>
        i === at ? { ...s, status: 'failed', error } : i > at ? { ...s, status: 'not-run' } : s,
      );
    });

  /** Resolves with the class's profile once the watch shows CDI's new one (see `oldProfileGraceMs`). */
  const waitForProfile = (name: string, oldUid: string | undefined) =>
    new Promise<StorageProfile>((resolve, reject) => {
      const start = Date.now();
      const finish = () => {
        clearInterval(timer);
        onProfiles.current = undefined;
      };
      const check = () => {
        const found = profilesRef.current?.find((p) => metadataName(p) === name);
        const elapsed = Date.now() - start;
        if (found && (!oldUid || found.metadata?.uid !== oldUid || elapsed >= oldProfileGraceMs)) {
          finish();
          resolve(found);
        } else if (elapsed >= profileTimeoutMs || !mounted.current) {
          finish();
          reject(new ProfileWaitTimeout(name));
        }
      };
      // `finish` (called from `check`) reads it: declared before the first check runs.
      const timer = setInterval(check, POLL_MS);
      onProfiles.current = check;
      check();
    });

  /** The saved spec onto `base` with a guarded patch; one re-read and retry if someone changed those fields. */
  const writeProfileSpec = async (base: StorageProfile, spec: StorageProfileSpec | undefined) => {
    const changes = profileSpecChanges(spec);
    const send = async (object: StorageProfile, retried: boolean): Promise<void> => {
      const ops = buildGuardedPatch(object, changes);
      setProfilePatch(ops);
      if (ops.length === 0) return; // the profile already has exactly these values
      try {
        await patch.mutateAsync({ model: StorageProfileModel, resource: object, patch: ops });
      } catch (error) {
        const kind = readK8sError(error).kind;
        if (retried || (kind !== 'conflict' && kind !== 'invalid')) throw error;
        const fresh = await k8sGet<StorageProfile>({
          model: StorageProfileModel,
          name: metadataName(object),
        });
        if (!guardFailed(object, fresh, testedPaths(ops))) throw error;
        await send(fresh, true);
      }
    };
    await send(base, false);
  };

  /** Runs `steps` in order; `act` does one step. Returns the failed step and its error, if any. */
  const runSteps = async (
    steps: RunStepId[],
    act: (id: RunStepId) => Promise<void>,
  ): Promise<{ step: RunStepId; error: unknown } | undefined> => {
    for (const id of steps) {
      update(id, { status: 'running' });
      try {
        await act(id);
        update(id, { status: 'done' });
      } catch (error) {
        fail(id, error);
        return { step: id, error };
      }
    }
    return undefined;
  };

  const start = (kind: RunKind, steps: RunStepId[], body: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setRunKind(kind);
    setOutcome(undefined);
    setProgress(steps.map((id) => ({ id, status: 'pending' })));
    setRunning(true);
    body().finally(() => {
      running.current = false;
      if (mounted.current) setRunning(false);
    });
  };

  const run = () => {
    const frozen = livePlan;
    const current = storageClass;
    if (!frozen || !current || frozen.immutableChanges.length === 0) return;
    if (frozen.findings.some((f) => f.code === 'name-differs')) return;
    const saveStep = frozen.steps.find((s) => s.id === 'save');
    const createStep = frozen.steps.find((s) => s.id === 'create-class');
    if (saveStep?.id !== 'save' || createStep?.id !== 'create-class') return;
    const reapply = frozen.steps.some((s) => s.id === 'reapply-profile-spec');
    const keep: SavedClass = {
      storageClass: saveStep.savedClass,
      ...(saveStep.savedProfileSpec ? { profileSpec: saveStep.savedProfileSpec } : {}),
      ...(profile?.metadata?.uid ? { oldProfileUid: profile.metadata.uid } : {}),
    };
    const steps: RunStepId[] = [
      'save',
      'delete-class',
      'create-class',
      ...(reapply ? (['wait-profile', 'reapply-profile-spec'] as const) : []),
    ];
    setRan(frozen);
    setProfilePatch(undefined);
    start('recreate', steps, async () => {
      let newProfile: StorageProfile | undefined;
      const failed = await runSteps(steps, async (id) => {
        switch (id) {
          case 'save':
            setSaved(keep);
            return;
          case 'delete-class':
            await remove.mutateAsync({ model: StorageClassModel, resource: current });
            return;
          case 'create-class':
            await create.mutateAsync({ model: StorageClassModel, data: createStep.object });
            return;
          case 'wait-profile':
            newProfile = await waitForProfile(frozen.className, keep.oldProfileUid);
            return;
          case 'reapply-profile-spec':
            if (newProfile) await writeProfileSpec(newProfile, keep.profileSpec);
            return;
          default:
            return;
        }
      });
      if (!failed) {
        setOutcome({ kind: 'done', run: 'recreate' });
        return;
      }
      const stepForState = failed.step === 'wait-profile' ? 'reapply-profile-spec' : failed.step;
      let state = clusterStateAfterFailure(
        stepForState === 'restore-class' ? 'create-class' : stepForState,
        frozen,
      );
      let deletedAnyway = false;
      if (failed.step === 'delete-class') {
        // A lost answer can hide a delete that happened: read the class again before saying "nothing changed".
        try {
          const now = await k8sGet<StorageClass>({ model: StorageClassModel, name: frozen.className });
          deletedAnyway = now?.metadata?.uid !== current.metadata?.uid;
        } catch (error) {
          deletedAnyway = readK8sError(error).kind === 'not-found';
        }
        if (deletedAnyway) state = clusterStateAfterFailure('create-class', frozen);
      }
      setOutcome({
        kind: 'failed',
        run: 'recreate',
        step: failed.step,
        error: failed.error,
        state,
        ...(deletedAnyway ? { deletedAnyway } : {}),
      });
    });
  };

  const restore = () => {
    const keep = saved;
    const plan = ran;
    if (!keep || !plan) return;
    const steps: RunStepId[] = [
      'restore-class',
      ...(keep.profileSpec ? (['wait-profile', 'reapply-profile-spec'] as const) : []),
    ];
    setProfilePatch(undefined);
    start('restore', steps, async () => {
      let newProfile: StorageProfile | undefined;
      const failed = await runSteps(steps, async (id) => {
        if (id === 'restore-class') {
          await create.mutateAsync({ model: StorageClassModel, data: restorableClass(keep.storageClass) });
        } else if (id === 'wait-profile') {
          newProfile = await waitForProfile(plan.className, keep.oldProfileUid);
        } else if (id === 'reapply-profile-spec' && newProfile) {
          await writeProfileSpec(newProfile, keep.profileSpec);
        }
      });
      if (!failed) {
        setOutcome({ kind: 'done', run: 'restore' });
        return;
      }
      setOutcome({
        kind: 'failed',
        run: 'restore',
        step: failed.step,
        error: failed.error,
        state: clusterStateAfterFailure(
          failed.step === 'restore-class' ? 'create-class' : 'reapply-profile-spec',
          plan,
        ),
      });
    });
  };

  const reapplyProfileSpec = () => {
    const keep = saved;
    const plan = ran;
    if (!keep?.profileSpec || !plan) return;
    const steps: RunStepId[] = ['wait-profile', 'reapply-profile-spec'];
    setProfilePatch(undefined);
    start('reapply', steps, async () => {
      let current: StorageProfile | undefined;
      const failed = await runSteps(steps, async (id) => {
        if (id === 'wait-profile') {
          current = await waitForProfile(plan.className, keep.oldProfileUid);
        } else if (current) {
          await writeProfileSpec(current, keep.profileSpec);
        }
      });
      setOutcome(
        failed
          ? {
              kind: 'failed',
              run: 'reapply',
              step: failed.step,
              error: failed.error,
              state: clusterStateAfterFailure('reapply-profile-spec', plan),
            }
          : { kind: 'done', run: 'reapply' },
      );
    });
  };

  return {
    plan: ran ?? livePlan,
    run,
    restore,
    reapplyProfileSpec,
    isRunning,
    runKind,
    progress,
    outcome,
    saved,
    profilePatch,
  };
};
