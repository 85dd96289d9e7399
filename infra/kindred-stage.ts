import { Stage, Tags, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageSettings } from './stage.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** One deployment of Kindred (data stack and API stack) as a pipeline stage. */
export class KindredStage extends Stage {
  readonly data: StatefulStack;
  readonly compute: StatelessStack;

  constructor(scope: Construct, id: string, props: StageProps & { settings: StageSettings }) {
    super(scope, id, props);
    this.data = new StatefulStack(this, 'Data', { settings: props.settings });
    this.compute = new StatelessStack(this, 'Api', { settings: props.settings, data: this.data });
    Tags.of(this).add('app', 'kindred');
    Tags.of(this).add('stage', props.settings.stage);
  }
}
