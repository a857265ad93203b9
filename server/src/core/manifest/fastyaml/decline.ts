// The fast scanner gives up by throwing this one preallocated value; parseYamlFast turns it (and any
// other exception) into `undefined`, and the reference reader takes over.
export class Declined {
  readonly declined = true;
}

export const DECLINE = new Declined();
