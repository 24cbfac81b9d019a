import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { createValidationPipe, FieldProblem } from './validation.pipe';

class Referrer {
  @IsString() @MaxLength(5) name!: string;
}

class Body {
  @IsIn(['low', 'high']) kind!: string;
  @IsOptional() @IsString() @MaxLength(3) note?: string;
  @ValidateNested() @Type(() => Referrer) referrer!: Referrer;
}

/** The fields of the 400 the pipe answers `body` with. */
async function fieldsOf(body: unknown): Promise<FieldProblem[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Body });
  } catch (e) {
    if (!(e instanceof BadRequestException)) throw e;
    return (e.getResponse() as { fields: FieldProblem[] }).fields;
  }
  throw new Error('the body was accepted');
}

describe('validation pipe: each broken field by rule code and limits', () => {
  it('names the constraint and its allowed values or limit, down into nested objects', async () => {
    const fields = await fieldsOf({ kind: 'castle', note: 'too long', referrer: { name: 'much too long' } });
    expect(fields.map(({ field, rule, params }) => ({ field, rule, params }))).toEqual([
      { field: 'kind', rule: 'isIn', params: { values: ['low', 'high'] } },
      { field: 'note', rule: 'maxLength', params: { max: 3 } },
      { field: 'referrer.name', rule: 'maxLength', params: { max: 5 } },
    ]);
  });

  it('a missing field is isDefined, an unknown one unknownField, each with its English message', async () => {
    const fields = await fieldsOf({ kind: 'low', sneaky: 1 });
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'referrer', rule: 'isDefined', message: 'referrer is required' },
        { field: 'sneaky', rule: 'unknownField', message: 'This field is not part of the request' },
      ]),
    );
  });
});
